# Reference values for Chiso's trend models from R (stats::lm, stats::glm, forecast::rwf).
# Run: Rscript make_fixtures.R   (writes forecast_reference.json beside this script)
# Needs r-base-core and r-cran-forecast (Debian). 17 significant digits; NA/NaN -> null.
suppressMessages(library(forecast))
here <- tryCatch(dirname(sys.frame(1)$ofile), error = function(e) ".")
num <- function(x) ifelse(is.na(x) | is.nan(x) | !is.finite(x), "null", sprintf("%.17g", x))
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
obj <- function(...) { kv <- list(...); paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}") }

set.seed(20261123)
series <- list()
add <- function(name, t, y, k = NULL, m = NULL, upper = NA, h = c(1, 2, 5)) {
  series[[length(series) + 1]] <<- list(name = name, t = t, y = y, k = k, m = m, upper = upper, h = h)
}
# Seed series (Datasets/): Đắk Nông share of online services with applications, 2016-2020H1.
# 2016 has no counts: Chiso weights it with the median denominator (370.5), 0 successes; same here.
add("seed_dvctt_with_applications", c(2016.5, 2017.5, 2018.5, 2019.5, 2020.25), c(0, 0.6, 2.9, 9.6, 7.1),
    k = c(0, 1, 10, 38, 37), m = c(370.5, 175, 344, 397, 521), upper = 100)
# Seed: Krông Nô DTI total 2022-2023 plus nothing else: too short for fixtures; 2024 campaign shares are
# two windows. Synthetic series below cover the rest.
for (i in 1:10) {   # annual shares with counts, some with zero counts early
  n <- 4 + (i %% 5); t <- 2015.5 + 0:(n - 1)
  p <- plogis(-4 + 0.6 * (0:(n - 1)) + rnorm(n, 0, 0.2)); m <- sample(50:900, n, TRUE); k <- rbinom(n, m, p)
  if (i %% 3 == 0) k[1] <- 0
  add(sprintf("share_counts_%02d", i), t, 100 * k / m, k = k, m = m, upper = 100)
}
for (i in 1:8) {    # irregular times, positive counts (loglinear)
  n <- 4 + (i %% 4); t <- sort(2016 + cumsum(c(0.5, runif(n - 1, 0.25, 1.5))))
  y <- round(200 * exp(0.15 * (t - 2016) + rnorm(n, 0, 0.05)))
  add(sprintf("irregular_counts_%02d", i), t, y)
}
for (i in 1:8) {    # annual scores for drift and linear
  n <- 4 + i %% 7; t <- 2014.5 + 0:(n - 1)
  y <- round(400 + cumsum(c(0, 15 + rnorm(n - 1, 0, 12))), 2)
  add(sprintf("annual_scores_%02d", i), t, y)
}
for (i in 1:4) {    # zero counts in the middle and at the start
  n <- 5 + i; t <- 2017.5 + 0:(n - 1); m <- sample(20:60, n, TRUE)
  k <- rbinom(n, m, plogis(-3 + 0.7 * (0:(n - 1)))); k[c(1, 2)] <- 0
  add(sprintf("zero_counts_%02d", i), t, 100 * k / m, k = k, m = m, upper = 100)
}

describe <- function(s) {
  t <- s$t; y <- s$y; n <- length(t); last <- max(t)
  newt <- last + s$h
  out <- list(name = sprintf("\"%s\"", s$name), t = arr(t), y = arr(y), new_t = arr(newt),
              upper = num(s$upper))
  fit <- lm(y ~ t)
  cf <- summary(fit)$coefficients
  p80 <- predict(fit, data.frame(t = newt), interval = "prediction", level = 0.80)
  p95 <- predict(fit, data.frame(t = newt), interval = "prediction", level = 0.95)
  out$linear <- obj(estimate = arr(cf[, 1]), std_error = arr(cf[, 2]), sigma = num(summary(fit)$sigma),
                    fit = arr(p80[, 1]), lower_80 = arr(p80[, 2]), upper_80 = arr(p80[, 3]),
                    lower_95 = arr(p95[, 2]), upper_95 = arr(p95[, 3]))
  if (all(y > 0)) {
    lf <- lm(log(y) ~ t); lc <- summary(lf)$coefficients
    q80 <- predict(lf, data.frame(t = newt), interval = "prediction", level = 0.80)
    q95 <- predict(lf, data.frame(t = newt), interval = "prediction", level = 0.95)
    out$loglinear <- obj(estimate = arr(lc[, 1]), std_error = arr(lc[, 2]), sigma = num(summary(lf)$sigma),
                         median = arr(exp(q80[, 1])), lower_80 = arr(exp(q80[, 2])), upper_80 = arr(exp(q80[, 3])),
                         lower_95 = arr(exp(q95[, 2])), upper_95 = arr(exp(q95[, 3])))
  }
  if (all(abs(diff(t) - 1) < 1e-12) && n >= 3) {
    rw <- rwf(ts(y), h = max(s$h), drift = TRUE, level = c(80, 95))
    fc <- as.numeric(rw$mean)[s$h]
    se <- (as.numeric(rw$upper[, 2])[s$h] - fc) / qnorm(0.975)
    out$drift <- obj(h = arr(s$h), mean = arr(fc), se = arr(se), drift = num(rw$model$par$drift),
                     drift_se = num(rw$model$par$drift.se))
  }
  if (!is.null(s$k)) {
    g <- glm(cbind(s$k, s$m - s$k) ~ t, family = quasibinomial,
             control = glm.control(epsilon = 1e-12, maxit = 100))
    gc <- summary(g)$coefficients
    out$k <- arr(s$k); out$m <- arr(s$m)
    out$glm <- obj(estimate = arr(gc[, 1]), std_error = arr(gc[, 2]), dispersion = num(summary(g)$dispersion),
                   converged = ifelse(g$converged, "true", "false"))
  }
  paste0("  {", paste(sprintf("\"%s\": %s", names(out), unlist(out)), collapse = ", "), "}")
}

cases <- vapply(series, describe, "")
json <- paste0("{\n\"generator\": \"", R.version.string, ", forecast ", packageVersion("forecast"),
               ", set.seed(20261123)\",\n\"cases\": [\n", paste(cases, collapse = ",\n"), "\n]\n}\n")
writeLines(json, file.path(here, "forecast_reference.json"))
cat(length(series), "series written\n")
