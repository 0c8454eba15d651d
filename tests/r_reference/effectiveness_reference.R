# Reference values for tests/test_effectiveness.py and tests/test_did.py (issue #4).
# Run:  Rscript tests/r_reference/effectiveness_reference.R
# R 4.x with the Debian packages r-base-core, r-cran-sandwich, r-cran-lmtest.
options(digits = 10)

# --- Level 1: two-proportion test (micro-course vs classroom satisfaction, sample data) ------
print(prop.test(c(1862, 246), c(1922, 263), correct = FALSE))

# --- Level 2: Lakens (2013) Table 1 movie ratings, paired --------------------------------------
movie1 <- c(9, 7, 8, 9, 8, 9, 9, 10, 9, 9)
movie2 <- c(9, 6, 7, 8, 7, 9, 8, 8, 8, 7)
print(t.test(movie1, movie2, paired = TRUE))
print(suppressWarnings(wilcox.test(movie1, movie2, paired = TRUE, exact = FALSE, correct = TRUE)))

# --- Levels 3/4: TWFE DiD with agent-clustered SEs (sandwich::vcovCL, HC1) --------------------
library(sandwich)
library(lmtest)
rows <- expand.grid(t = 1:8, id = 1:12)
rows <- rows[(rows$id * 7 + rows$t * 3) %% 11 != 0, ]          # unbalanced panel
start <- ifelse(rows$id <= 9, 3 + rows$id %% 5, 99)            # ids 10-12 never trained
rows$D <- as.numeric(rows$t >= start)
rows$y <- 10 + 2 * sin(rows$id) + 0.3 * rows$t + 1.5 * rows$D +
  cos(rows$id * rows$t * 0.7) + 0.1 * (rows$id %% 3) * rows$t
fit <- lm(y ~ D + factor(id) + factor(t), data = rows)
vc <- vcovCL(fit, cluster = ~id, type = "HC1")
G <- length(unique(rows$id))
cat("n =", nrow(rows), " G =", G, "\n")
print(coeftest(fit, vc, df = G - 1)["D", ])
