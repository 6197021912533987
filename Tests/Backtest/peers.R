# peers.R -- forecasts of R `forecast` package peers on exported back-test windows.
#
# Run by `make backtest-peers`; by hand:
#   Rscript Tests/Backtest/peers.R WINDOWS.csv OUT.csv [CORES]      (CORES defaults to 2)
# Optional: environment variable PEERS=ets,naive runs only the named peers (for timing/debugging).
#
# Input WINDOWS.csv (header, one row per back-test window):
#   window,indicator,geo,kind,n,origin,times,values,horizons
#   window    integer id
#   times     ';'-separated decimal years of the window's points, oldest first (2003;2004;2005)
#   values    ';'-separated values, same count as times, never missing
#   horizons  ';'-separated positive integers h (years after the last point) with an outcome (1;2;3;5)
#   n         number of points (>= 1); indicator, geo, kind, origin are carried as text and not used.
#
# For each window whose times are consecutive years (steps of exactly 1, tolerance 1e-9),
# y <- ts(values, start = first year, frequency = 1) and, with H = max(horizons), the peers are
#   tslm        forecast(tslm(y ~ trend), h = H, level = c(80, 95))
#   rwf_drift   rwf(y, drift = TRUE, h = H, level = c(80, 95))
#   naive       naive(y, h = H, level = c(80, 95))
#   ets         forecast(ets(y), h = H, level = c(80, 95))
#   thetaf      thetaf(y, h = H, level = c(80, 95))
#   auto_arima  forecast(auto.arima(y), h = H, level = c(80, 95))
# all with default settings. Windows with irregular times are skipped (no rows). A peer that
# errors on a window gives no rows for it (warnings are ignored); whatever a peer returns is kept.
#
# Output OUT.csv (header, sorted by window, method, h; only the h listed in the window's horizons):
#   window,method,h,mean,lo80,hi80,lo95,hi95
# Numbers carry 7 significant digits; NA marks missing or non-finite numbers (NaN, Inf).
#
# Run with: R version 4.2.2 Patched (2022-11-10 r83330), forecast 8.20 (Debian packages
# r-base-core, r-cran-forecast). Only base R, parallel and forecast are used.
#
# Behaviour of forecast 8.20 on very short windows (see Tests/Backtest/check_peers.R for checks):
#   n = 1: rwf_drift and thetaf error (no rows); naive gives NA intervals; tslm gives a flat line
#          (rank-deficient fit) with NA intervals; ets and auto_arima give a flat line with
#          zero-width intervals (sigma2 = 0).
#   n = 2: tslm and rwf_drift give NA intervals (no residual degrees of freedom).
#   n <= 6: ets does not run its likelihood-based model selection; it fits Holt / simple exponential
#          smoothing by least squares (HoltWintersZZ with level start y[1]) and keeps the one with
#          the smaller sigma2. With n = 2 the SSE does not depend on alpha, so alpha stays at its
#          starting value 0.2 and the forecast is y[1] + 0.2 * (y[2] - y[1]).

suppressPackageStartupMessages({
  library(parallel)
  library(forecast)
})

LEVELS <- c(80, 95)

PEERS <- list(
  tslm       = function(y, H) forecast(tslm(y ~ trend), h = H, level = LEVELS),
  rwf_drift  = function(y, H) rwf(y, drift = TRUE, h = H, level = LEVELS),
  naive      = function(y, H) naive(y, h = H, level = LEVELS),
  ets        = function(y, H) forecast(ets(y), h = H, level = LEVELS),
  thetaf     = function(y, H) thetaf(y, h = H, level = LEVELS),
  auto_arima = function(y, H) forecast(auto.arima(y), h = H, level = LEVELS)
)

split_num <- function(s) {
  if (is.na(s) || !nzchar(trimws(s))) return(numeric(0))
  as.numeric(strsplit(s, ";", fixed = TRUE)[[1]])
}

# Parses one window row; returns NULL when the peers should not run on it.
parse_window <- function(row) {
  times <- split_num(row$times)
  values <- split_num(row$values)
  horizons <- split_num(row$horizons)
  if (length(times) != length(values) || anyNA(times) || anyNA(values) ||
      length(values) != as.numeric(row$n))
    stop("window ", row$window, ": bad times/values/n")
  if (anyNA(horizons) || any(horizons < 1) || any(abs(horizons - round(horizons)) > 1e-9))
    stop("window ", row$window, ": bad horizons '", row$horizons, "'")
  horizons <- sort(unique(as.integer(round(horizons))))
  # Yearly values sit at mid-year (2003.5) in Chiso's decimal time: any regular yearly grid will do.
  consecutive <- all(abs(diff(times) - 1) <= 1e-9)
  if (length(values) == 0 || length(horizons) == 0 || !consecutive) return(NULL)
  list(y = ts(values, start = times[1], frequency = 1), horizons = horizons)
}

# Rows (data frame) of all peers for one window; NULL when there are none.
run_window <- function(row, peers) {
  w <- parse_window(row)
  if (is.null(w)) return(NULL)
  H <- max(w$horizons)
  h <- w$horizons
  out <- list()
  for (method in names(peers)) {
    fc <- tryCatch(suppressWarnings(peers[[method]](w$y, H)), error = function(e) NULL)
    if (is.null(fc)) next
    lower <- matrix(as.numeric(fc$lower), nrow = H)   # columns follow LEVELS: 80, 95
    upper <- matrix(as.numeric(fc$upper), nrow = H)
    out[[method]] <- cbind(h = h, mean = as.numeric(fc$mean)[h],
                           lo80 = lower[h, 1], hi80 = upper[h, 1],
                           lo95 = lower[h, 2], hi95 = upper[h, 2])
  }
  if (length(out) == 0) return(NULL)
  data.frame(window = row$window, method = rep(names(out), each = length(h)),
             do.call(rbind, out), stringsAsFactors = FALSE, row.names = NULL)
}

run_chunk <- function(rows, peers) {
  do.call(rbind, lapply(seq_len(nrow(rows)), function(i) run_window(rows[i, ], peers)))
}

fmt <- function(x) {
  s <- as.character(signif(x, 7))        # e.g. 22.86667, 100, 1e+05
  s[!is.finite(x)] <- "NA"
  s
}

main <- function(args) {
  if (length(args) < 2 || length(args) > 3)
    stop("usage: Rscript peers.R WINDOWS.csv OUT.csv [CORES]")
  cores <- if (length(args) == 3) as.integer(args[3]) else 2L
  if (is.na(cores) || cores < 1) stop("CORES must be a positive integer")

  peers <- PEERS
  only <- Sys.getenv("PEERS")
  if (nzchar(only)) {
    wanted <- trimws(strsplit(only, ",", fixed = TRUE)[[1]])
    if (!all(wanted %in% names(PEERS))) stop("unknown peer in PEERS: ", only)
    peers <- PEERS[wanted]
  }

  message(sprintf("%s, forecast %s; peers: %s; cores: %d", R.version.string,
                  packageVersion("forecast"), paste(names(peers), collapse = " "), cores))
  windows <- read.csv(args[1], colClasses = "character", na.strings = character(0))
  need <- c("window", "n", "times", "values", "horizons")
  if (!all(need %in% names(windows)))
    stop("missing columns: ", paste(setdiff(need, names(windows)), collapse = ", "))

  start <- Sys.time()
  total <- nrow(windows)
  block_size <- 5000L                       # progress is printed after each block
  results <- list()
  for (first in seq(1L, max(total, 1L), by = block_size)) {
    if (total == 0) break
    idx <- first:min(total, first + block_size - 1L)
    n_chunks <- min(length(idx), 4L * cores)
    chunks <- split(idx, sort(rep_len(seq_len(n_chunks), length(idx))))
    parts <- mclapply(chunks, function(ix) run_chunk(windows[ix, ], peers), mc.cores = cores)
    failed <- vapply(parts, inherits, logical(1), what = "try-error")
    if (any(failed)) stop("worker failed: ", as.character(parts[[which(failed)[1]]]))
    results <- c(results, parts)
    elapsed <- as.numeric(difftime(Sys.time(), start, units = "secs"))
    message(sprintf("%d / %d windows, %.0f s", max(idx), total, elapsed))
  }

  res <- do.call(rbind, results)
  if (is.null(res))
    res <- data.frame(window = character(0), method = character(0), h = integer(0),
                      mean = numeric(0), lo80 = numeric(0), hi80 = numeric(0),
                      lo95 = numeric(0), hi95 = numeric(0))
  res <- res[order(as.numeric(res$window), res$method, res$h, method = "radix"), ]
  for (col in c("mean", "lo80", "hi80", "lo95", "hi95")) res[[col]] <- fmt(res[[col]])
  write.csv(res, args[2], row.names = FALSE, quote = FALSE)

  elapsed <- as.numeric(difftime(Sys.time(), start, units = "secs"))
  message(sprintf("done: %d windows, %d rows, %.1f s (%.1f windows/s) -> %s",
                  total, nrow(res), elapsed, total / max(elapsed, 1e-9), args[2]))
}

# Runs only under Rscript, so that source("peers.R") just defines the functions.
if (sys.nframe() == 0L) main(commandArgs(trailingOnly = TRUE))
