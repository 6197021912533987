# check_peers.R -- checks the output of peers.R against hand-computed forecasts.
#
#   Rscript Tests/Backtest/check_peers.R                         runs peers.R on
#         Tests/Backtest/peers_sample_windows.csv (1 core, temporary output) and checks it
#   Rscript Tests/Backtest/check_peers.R WINDOWS.csv [OUT.csv]   checks an existing OUT.csv
#         (or runs peers.R on WINDOWS.csv when OUT.csv is not given)
#
# Checks, for every window whose times step by exactly 1 year (any offset, e.g. mid-year 2003.5;
# 2004.5) -- the others must have no rows:
#   - the rows' h are exactly the window's horizons (naive never fails, so it must be there);
#   - naive mean = last value at every h;
#   - rwf_drift mean = last + h * (last - first) / (n - 1)   (n >= 2; no rows when n = 1);
#   - tslm mean = OLS line of values on time, extrapolated with lm()   (n >= 2).
# Prints OK or stops with the first failures.

args <- commandArgs(trailingOnly = TRUE)
file_arg <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
here <- dirname(normalizePath(file_arg))
windows_csv <- if (length(args) >= 1) args[1] else file.path(here, "peers_sample_windows.csv")
if (length(args) >= 2) {
  out_csv <- args[2]
} else {
  out_csv <- tempfile(fileext = ".csv")
  status <- system2(file.path(R.home("bin"), "Rscript"),
                    c(shQuote(file.path(here, "peers.R")), shQuote(windows_csv), shQuote(out_csv), "1"))
  if (status != 0) stop("peers.R failed with status ", status)
}

windows <- read.csv(windows_csv, colClasses = "character")
out <- read.csv(out_csv, colClasses = c(window = "character", method = "character", h = "integer"))
stopifnot(identical(names(out), c("window", "method", "h", "mean", "lo80", "hi80", "lo95", "hi95")))

nums <- function(s) as.numeric(strsplit(s, ";", fixed = TRUE)[[1]])
problems <- character(0)
fail <- function(...) problems <<- c(problems, paste0(...))
close <- function(a, b) !is.na(a) && abs(a - b) <= 1e-6 * max(1, abs(b))   # 7 significant digits

key <- order(as.numeric(out$window), out$method, out$h, method = "radix")
if (!identical(key, seq_len(nrow(out)))) fail("output is not sorted by window, method, h")
if (!all(out$window %in% windows$window)) fail("output has windows not in the input")

checked <- c(naive = 0, rwf_drift = 0, tslm = 0)
for (i in seq_len(nrow(windows))) {
  w <- windows[i, ]
  t <- nums(w$times); v <- nums(w$values); hs <- sort(unique(nums(w$horizons)))
  n <- length(v); first <- v[1]; last <- v[n]
  rows <- out[out$window == w$window, ]
  regular <- all(abs(diff(t) - 1) <= 1e-9)
  if (!regular) {
    if (nrow(rows) > 0) fail("window ", w$window, ": irregular times but has rows")
    next
  }
  for (m in unique(rows$method))
    if (!identical(as.numeric(rows$h[rows$method == m]), hs))
      fail("window ", w$window, " ", m, ": h ", paste(rows$h[rows$method == m], collapse = ";"),
           " instead of ", w$horizons)
  if (!any(rows$method == "naive")) fail("window ", w$window, ": no naive rows")

  fit <- if (n >= 2) lm(v ~ t) else NULL
  for (j in seq_len(nrow(rows))) {
    r <- rows[j, ]; h <- r$h
    expected <- switch(r$method,
      naive = last,
      rwf_drift = if (n >= 2) last + h * (last - first) / (n - 1) else NA,
      tslm = if (n >= 2) unname(predict(fit, data.frame(t = t[n] + h))) else NULL,
      NULL)
    if (is.null(expected)) next
    if (is.na(expected)) { fail("window ", w$window, " ", r$method, ": rows for n = ", n); next }
    if (!close(r$mean, expected))
      fail("window ", w$window, " ", r$method, " h=", h, ": mean ", r$mean, " expected ", expected)
    checked[r$method] <- checked[r$method] + 1
  }
}

if (length(problems) > 0) {
  cat(head(problems, 20), sep = "\n")
  stop(length(problems), " check(s) failed")
}
if (any(checked == 0)) stop("nothing checked for: ", paste(names(checked)[checked == 0], collapse = ", "))
cat(sprintf("OK: %d windows, %d rows; checked means of naive %d, rwf_drift %d, tslm %d rows\n",
            nrow(windows), nrow(out), checked["naive"], checked["rwf_drift"], checked["tslm"]))
