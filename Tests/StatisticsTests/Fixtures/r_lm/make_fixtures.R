# Reference values for LinearModel from R's lm (stats package).
# Run: Rscript make_fixtures.R   (writes lm_reference.json and wls_data.csv beside this script)
# Needs only base R. Numbers are written with 17 significant digits; NA becomes null.

num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
str_arr <- function(x) paste0("[", paste(sprintf("\"%s\"", x), collapse = ", "), "]")

describe <- function(name, fit, newdata, pred_weights = NULL) {
  s <- summary(fit)
  co <- coef(fit)
  se <- rep(NA, length(co)); tv <- se; pv <- se
  est <- !is.na(co)
  se[est] <- s$coefficients[, 2]; tv[est] <- s$coefficients[, 3]; pv[est] <- s$coefficients[, 4]
  ll <- logLik(fit)
  k <- attr(ll, "df"); n <- nobs(fit)
  aicc <- AIC(fit) + 2 * k * (k + 1) / (n - k - 1)
  out <- c(
    sprintf("\"name\": \"%s\"", name),
    sprintf("\"coefficient_names\": %s", str_arr(names(co))),
    sprintf("\"estimate\": %s", arr(co)),
    sprintf("\"std_error\": %s", arr(se)),
    sprintf("\"t_value\": %s", arr(tv)),
    sprintf("\"p_value\": %s", arr(pv)),
    sprintf("\"rank\": %d", fit$rank),
    sprintf("\"df_residual\": %d", fit$df.residual),
    sprintf("\"sigma\": %s", num(s$sigma)),
    sprintf("\"r_squared\": %s", num(s$r.squared)),
    sprintf("\"adj_r_squared\": %s", num(s$adj.r.squared)),
    sprintf("\"log_likelihood\": %s", num(as.numeric(ll))),
    sprintf("\"aic\": %s", num(AIC(fit))),
    sprintf("\"aicc\": %s", num(aicc)),
    sprintf("\"bic\": %s", num(BIC(fit))),
    sprintf("\"hat_values\": %s", arr(hatvalues(fit))),
    sprintf("\"residuals\": %s", arr(residuals(fit)))
  )
  if (all(est)) {
    ci95 <- confint(fit, level = 0.95); ci90 <- confint(fit, level = 0.90)
    out <- c(out,
      sprintf("\"confint95_lower\": %s", arr(ci95[, 1])), sprintf("\"confint95_upper\": %s", arr(ci95[, 2])),
      sprintf("\"confint90_lower\": %s", arr(ci90[, 1])), sprintf("\"confint90_upper\": %s", arr(ci90[, 2])))
    pc <- predict(fit, newdata, interval = "confidence", level = 0.95, se.fit = TRUE)
    pp <- if (is.null(pred_weights)) predict(fit, newdata, interval = "prediction", level = 0.80)
          else predict(fit, newdata, interval = "prediction", level = 0.80, weights = pred_weights)
    out <- c(out,
      sprintf("\"new_x\": [%s]", paste(apply(as.matrix(newdata), 1, arr), collapse = ", ")),
      sprintf("\"fit\": %s", arr(pc$fit[, 1])), sprintf("\"se_fit\": %s", arr(pc$se.fit)),
      sprintf("\"confidence95_lower\": %s", arr(pc$fit[, 2])), sprintf("\"confidence95_upper\": %s", arr(pc$fit[, 3])),
      sprintf("\"prediction80_lower\": %s", arr(pp[, 2])), sprintf("\"prediction80_upper\": %s", arr(pp[, 3])),
      sprintf("\"prediction_weights\": %s", if (is.null(pred_weights)) "null" else arr(pred_weights)))
  }
  paste0("  {\n    ", paste(out, collapse = ",\n    "), "\n  }")
}

here <- tryCatch(dirname(sys.frame(1)$ofile), error = function(e) ".")
longley <- read.csv(file.path(here, "..", "nist_strd", "Longley.csv"))

# A small weighted problem: deterministic values, weights as counts would be.
wls <- data.frame(
  x1 = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  x2 = c(0.5, -1.2, 2.3, 0.7, -0.4, 1.9, 3.1, -2.2, 0.0, 1.1),
  w  = c(175, 344, 397, 521, 120, 88, 240, 300, 410, 95)
)
wls$y <- c(3.1, 2.9, 7.4, 7.9, 7.2, 11.8, 15.2, 7.1, 12.4, 16.3)
wls$x3 <- wls$x1            # duplicated column
wls$x4 <- rep(2.5, 10)      # constant column
write.csv(wls, file.path(here, "wls_data.csv"), row.names = FALSE, quote = FALSE)

cases <- c(
  describe("longley_ols", lm(y ~ ., data = longley),
           data.frame(x1 = c(100, 110), x2 = c(500000, 550000), x3 = c(3000, 2500),
                      x4 = c(2000, 2600), x5 = c(120000, 125000), x6 = c(1963, 1965))),
  describe("wls", lm(y ~ x1 + x2, data = wls, weights = w),
           data.frame(x1 = c(11, 15), x2 = c(0.3, -1)), pred_weights = c(200, 50)),
  describe("wls_no_intercept", lm(y ~ 0 + x1 + x2, data = wls, weights = w),
           data.frame(x1 = c(11, 15), x2 = c(0.3, -1)), pred_weights = c(1, 1)),
  describe("ols_aliased", lm(y ~ x1 + x2 + x3 + x4, data = wls), NULL)
)
json <- paste0("{\n\"generator\": \"", R.version.string, ", stats::lm\",\n\"cases\": [\n",
               paste(cases, collapse = ",\n"), "\n]\n}\n")
writeLines(json, file.path(here, "lm_reference.json"))
