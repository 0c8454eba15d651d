# Profile-likelihood 95 % intervals of the REML variance components with lme4's
# confint(method = "profile") — independent check of
# cslib.stats.gstudy_intervals.profile_intervals.  Run once from the project root:
#   Rscript tests/r_reference/gstudy_profile_lme4.R
# and paste the printed numbers into tests/test_gstudy_intervals.py (CI does not need R).
# lme4 profiles the standard deviations (.sig01 … and sigma); the printed intervals are squared
# to the variance scale (the likelihood-ratio interval is invariant to this monotone map).
suppressPackageStartupMessages(library(lme4))
d <- read.csv("data_samples/monitoring/qa_records.csv", stringsAsFactors = TRUE)
d <- d[d$must_check == 0, ]
profile_vc <- function(x) {
  m <- lmer(score ~ 1 + (1 | agent_id) + (1 | inspector_id) + (1 | agent_id:inspector_id),
            data = x, REML = TRUE,
            control = lmerControl(optimizer = "bobyqa",
                                  optCtrl = list(maxfun = 1e5), check.conv.singular = "ignore"))
  ci <- confint(m, method = "profile", level = 0.95, oldNames = FALSE)
  print(ci, digits = 15)
  v <- ci[grepl("^sd_|^sigma", rownames(ci)), ]^2
  print(v, digits = 15)
}
cat("R", R.version$major, R.version$minor, " lme4", as.character(packageVersion("lme4")), "\n")
small <- droplevels(d[d$team %in% c("T01", "T02", "T03", "T04"), ])
cat("teams T01-T04, n =", nrow(small), "\n")
profile_vc(small)
cat("all routine calls, n =", nrow(d), "\n")
profile_vc(d)
