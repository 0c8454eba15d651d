# Reference numbers for tests/test_drift_ewma.py (two-sided EWMA, fixed limits).
# Produced with R 4.2.2 and spc 0.6.7 (Debian bookworm: apt-get install -y r-cran-spc):
#   Rscript tests/r_reference/drift_ewma_spc.R
library(spc)
cat("spc", as.character(packageVersion("spc")), "\n")
arl <- function(l, c, mu) xewma.arl(l, c, mu, sided = "two", limits = "fix", r = 100)
cat(sprintf("ARL l=0.1 c=2.814 mu=0:  %.10f\n", arl(0.1, 2.814, 0)))   # Lucas & Saccucci: ~500
cat(sprintf("ARL l=0.2 c=2.962 mu=0:  %.10f\n", arl(0.2, 2.962, 0)))
cat(sprintf("ARL l=0.3 c=3.0 mu=1:    %.10f\n", arl(0.3, 3.0, 1)))
cat(sprintf("ARL l=0.3 c=2.5 mu=0.5:  %.10f\n", arl(0.3, 2.5, 0.5)))
cat(sprintf("ARL l=0.05 c=2.615 mu=2: %.10f\n", arl(0.05, 2.615, 2)))
cat("SF l=0.3 c=3 mu=1 n=6:", sprintf("%.10f", xewma.sf(0.3, 3.0, 1, 6, sided = "two")), "\n")
cat("SF l=0.4 c=2.8 mu=0 n=4:", sprintf("%.10f", xewma.sf(0.4, 2.8, 0, 4, sided = "two")), "\n")
cat(sprintf("crit l=0.3 L0=120: %.10f\n", xewma.crit(0.3, 120, sided = "two")))
cat(sprintf("crit l=0.3 L0=240: %.10f\n", xewma.crit(0.3, 240, sided = "two")))
