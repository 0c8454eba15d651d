# Reference values for tests/test_agreement.py, computed with R psych.
# Run:  Rscript tests/r_reference/agreement_reference.R
# (R 4.x, psych 2.2.9 on Debian: apt-get install r-base-core r-cran-psych)
# The printed numbers are pasted into tests/test_agreement.py.
suppressPackageStartupMessages(library(psych))
options(digits = 15)

# Shrout & Fleiss (1979), Table 2: 6 targets x 4 judges
sf <- matrix(c(9, 2, 5, 8,
               6, 1, 3, 2,
               8, 4, 6, 8,
               7, 1, 2, 6,
               10, 5, 6, 9,
               6, 2, 4, 7), ncol = 4, byrow = TRUE)
r <- ICC(sf, lmer = FALSE)
cat("ICC shrout-fleiss\n")
print(r$results[, c("ICC", "F", "df1", "df2", "p", "lower bound", "upper bound")], digits = 15)

# 12 calls x 4 inspectors (total scores), used for ICC and Cronbach's alpha
qa <- matrix(c(88, 85, 80, 90,
               72, 70, 65, 75,
               95, 93, 90, 96,
               60, 62, 55, 66,
               81, 79, 76, 84,
               77, 80, 70, 79,
               90, 86, 84, 91,
               68, 71, 62, 70,
               84, 82, 79, 88,
               73, 75, 69, 78,
               92, 90, 85, 93,
               79, 74, 72, 80), ncol = 4, byrow = TRUE)
r2 <- ICC(qa, lmer = FALSE)
cat("ICC qa\n")
print(r2$results[, c("ICC", "F", "df1", "df2", "p", "lower bound", "upper bound")], digits = 15)

# Cronbach's alpha of a 10 x 5 Likert questionnaire
likert <- matrix(c(4, 5, 4, 3, 4,
                   3, 3, 2, 3, 2,
                   5, 5, 4, 5, 5,
                   2, 2, 3, 1, 2,
                   4, 4, 4, 4, 3,
                   3, 4, 3, 2, 3,
                   5, 4, 5, 4, 4,
                   1, 2, 2, 2, 1,
                   4, 3, 4, 5, 4,
                   3, 3, 3, 3, 4), ncol = 5, byrow = TRUE)
a <- psych::alpha(as.data.frame(likert), warnings = FALSE)
cat("alpha\n")
print(a$total$raw_alpha, digits = 15)
cat("alpha if deleted\n")
print(a$alpha.drop$raw_alpha, digits = 15)
cat("r.drop\n")
print(a$item.stats$r.drop, digits = 15)
cat("feldt\n")
print(unlist(a$feldt), digits = 15)

# Cohen's kappa, unweighted and weighted, two raters on a 1-4 ordinal scale
r1 <- c(1, 2, 3, 4, 2, 3, 3, 4, 1, 2, 4, 3, 2, 1, 3, 4, 2, 3, 1, 4)
r2 <- c(1, 2, 3, 3, 2, 4, 3, 4, 2, 2, 4, 3, 1, 1, 3, 4, 3, 3, 1, 3)
ck <- cohen.kappa(cbind(r1, r2))
cat("cohen kappa (unweighted, weighted quadratic)\n")
print(c(ck$kappa, ck$weighted.kappa), digits = 15)
