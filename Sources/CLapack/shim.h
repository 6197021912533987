// Prototypes of the reference Fortran LAPACK routines that Chiso uses.
// Column-major storage; every argument by pointer; 32-bit Fortran INTEGER;
// each CHARACTER argument has a hidden trailing size_t length (gfortran ABI).
#ifndef CHISO_CLAPACK_SHIM_H
#define CHISO_CLAPACK_SHIM_H

#include <stddef.h>

/// QR factorisation with column pivoting: A P = Q R.
void dgeqp3_(const int *m, const int *n, double *a, const int *lda, int *jpvt,
             double *tau, double *work, const int *lwork, int *info);

/// Apply Q or Qᵀ from dgeqrf/dgeqp3 to a matrix C (side 'L'/'R', trans 'N'/'T').
void dormqr_(const char *side, const char *trans, const int *m, const int *n,
             const int *k, const double *a, const int *lda, const double *tau,
             double *c, const int *ldc, double *work, const int *lwork, int *info,
             size_t side_len, size_t trans_len);

/// Solve a triangular system A X = B or Aᵀ X = B.
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n,
             const int *nrhs, const double *a, const int *lda, double *b,
             const int *ldb, int *info,
             size_t uplo_len, size_t trans_len, size_t diag_len);

/// Inverse of a triangular matrix, in place.
void dtrtri_(const char *uplo, const char *diag, const int *n, double *a,
             const int *lda, int *info, size_t uplo_len, size_t diag_len);

/// Reciprocal condition number of a triangular matrix (norm '1' or 'I').
void dtrcon_(const char *norm, const char *uplo, const char *diag, const int *n,
             const double *a, const int *lda, double *rcond, double *work,
             int *iwork, int *info,
             size_t norm_len, size_t uplo_len, size_t diag_len);

/// Minimum-norm least squares by SVD (divide and conquer).
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda,
             double *b, const int *ldb, double *s, const double *rcond, int *rank,
             double *work, const int *lwork, int *iwork, int *info);

/// Cholesky factorisation of a symmetric positive definite matrix.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);

/// Solve A X = B with the Cholesky factor from dpotrf.
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a,
             const int *lda, double *b, const int *ldb, int *info, size_t uplo_len);

#endif
