// Dense linear algebra for both scalars, instantiated once in linalg.cpp (the
// multiprecision Eigen decompositions are the slowest templates to compile).
#pragma once

#include "core/eigen_mp.hpp"

namespace ael {

// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix
// (Householder tridiagonalisation + implicit QL, Eigen::SelfAdjointEigenSolver).
template <class T> void symmetric_eigen(const Mat<T>& S, Vec<T>& values, Mat<T>& vectors);
template <class T> Vec<T> symmetric_eigenvalues(const Mat<T>& S);

// Reference eigenvalues (ascending) by the cyclic Jacobi method: slow but a
// different algorithm, used to cross-check and benchmark symmetric_eigen.
template <class T> Vec<T> jacobi_eigenvalues(Mat<T> S);

// Singular values (descending) of a square matrix, from eig(MᵀM) refined by
// the eigenvectors: σ_t = ‖M v_t‖.
template <class T> Vec<T> singular_values(const Mat<T>& M);

// Inverse by partial-pivot LU; throws std::domain_error if |det| underflows
// relative to the matrix scale (numerically singular).
template <class T> Mat<T> inverse(const Mat<T>& M);

// Cholesky factor L (S = L Lᵀ) of a symmetric matrix; returns false if S is not
// positive definite at the working precision.
template <class T> bool cholesky(const Mat<T>& S, Mat<T>& L);

// Orthonormal basis of the column space of a full-column-rank M (thin QR).
template <class T> Mat<T> orthonormal_basis(const Mat<T>& M);

// Matrix product X·Y. For mp_real an allocation-free MPFR loop (one reused
// temporary, accumulation in place) replaces Eigen's generic product, which
// allocates a temporary per multiply-add and is ~3x slower; each term is
// rounded once and each partial sum once, as in any ordered dot product, so
// the usual γ_k error bounds apply. Other scalars use Eigen.
template <class T> Mat<T> product(const Mat<T>& X, const Mat<T>& Y) { return X * Y; }
Mat<mp_real> product(const Mat<mp_real>& X, const Mat<mp_real>& Y);

// Sorts ascending in place.
template <class T> void sort_ascending(Vec<T>& v);

}  // namespace ael
