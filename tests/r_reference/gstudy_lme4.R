# REML variance components of the routine QA monitoring design with lme4 (independent check of
# cslib.stats.gstudy.gstudy_reml).  Run once from the project root:
#   Rscript tests/r_reference/gstudy_lme4.R
# and paste the printed numbers into tests/test_gstudy.py (CI does not need R).
suppressPackageStartupMessages(library(lme4))
d <- read.csv("data_samples/monitoring/qa_records.csv", stringsAsFactors = TRUE)
d <- d[d$must_check == 0, ]
fit_vc <- function(x) {
  m <- lmer(score ~ 1 + (1 | agent_id) + (1 | inspector_id) + (1 | agent_id:inspector_id),
            data = x, REML = TRUE,
            control = lmerControl(optimizer = "bobyqa",
                                  optCtrl = list(maxfun = 1e5), check.conv.singular = "ignore"))
  v <- as.data.frame(VarCorr(m))
  out <- setNames(v$vcov, v$grp)
  c(agent = out[["agent_id"]], inspector = out[["inspector_id"]],
    agent_inspector = out[["agent_id:inspector_id"]], residual = out[["Residual"]],
    reml_criterion = REMLcrit(m))
}
cat("R", R.version$major, R.version$minor, " lme4", as.character(packageVersion("lme4")), "\n")
cat("all routine calls, n =", nrow(d), "\n")
print(fit_vc(d), digits = 15)
small <- droplevels(d[d$team %in% c("T01", "T02", "T03", "T04"), ])
cat("teams T01-T04, n =", nrow(small), "\n")
print(fit_vc(small), digits = 15)
