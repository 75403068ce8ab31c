#include "lae_trainer_instances.hpp"

// The trainer runs in double: tolerances are double-precision ones.
AEL_CLAIM("LAE-28", "[derived]",
          "GD on the ordered loss reaches grad L -> 0, |cos(a_k,u_k)| -> 1, off-diag(A'A) -> 0, L -> L*, and diag(A'A - BB') drifts by exactly the accumulated eta^2 terms (double trainer)") {
  for (int i = 0; i < ctx.instances; ++i) {
    const auto t = train_instance(ctx.seed, lae::LossKind::ordered, i);
    const std::string tag = "n=" + std::to_string(t.n) + " p=" + std::to_string(t.p);
    out.require("converged, " + tag, t.result.converged);
    const Mat<double> A = eigen_of(t.result.A);
    const double Lstar = optimal_loss(t, lae::LossKind::ordered);
    const auto w = lae::arma_weights(lae::LossKind::ordered, t.p);
    const double L = lae::covariance_step(t.cov, t.result.A, t.result.B, w).loss;
    out.close("relative gap to L*, " + tag, mp_real((L - Lstar) / Lstar), mp_real(1e-9));
    out.close("1 - min |cos(a_k,u_k)|, " + tag, mp_real(1 - lae::column_cosines<double>(A, t.exact.U).minCoeff()), mp_real(1e-9));
    out.close("off-diag(A'A) ratio, " + tag, mp_real(lae::offdiag_ratio<double>(A)), mp_real(1e-8));
    const arma::vec drift = arma::diagvec(t.result.A.t() * t.result.A - t.result.B * t.result.B.t()) -
                            arma::diagvec(t.result.A0.t() * t.result.A0 - t.result.B0 * t.result.B0.t());
    out.close("drift = accumulated eta^2 terms, " + tag, mp_real(arma::abs(drift - t.result.predicted_drift).max()), mp_real(1e-12));
    out.count_instance();
  }
}

AEL_CLAIM("LAE-29", "[paper+derived]",
          "GD on MSE reaches L*_MSE and span(A) = span(U_p), but generically not the eigenvectors: |cos| < 1 and A'A not diagonal; A'A - BB' drifts by exactly the accumulated eta^2 terms (double trainer)") {
  for (int i = 0; i < ctx.instances; ++i) {
    const auto t = train_instance(ctx.seed, lae::LossKind::mse, i);
    const std::string tag = "n=" + std::to_string(t.n) + " p=" + std::to_string(t.p);
    out.require("converged, " + tag, t.result.converged);
    const Mat<double> A = eigen_of(t.result.A);
    const double Lstar = optimal_loss(t, lae::LossKind::mse);
    const double L = lae::covariance_step(t.cov, t.result.A, t.result.B, lae::arma_weights(lae::LossKind::mse, t.p)).loss;
    out.close("relative gap to L*, " + tag, mp_real((L - Lstar) / Lstar), mp_real(1e-9));
    out.close("subspace distance to span(U_p), " + tag, mp_real(lae::subspace_distance<double>(A, t.exact.U)), mp_real(1e-7));
    out.at_least("1 - min |cos| stays away from 0 (invariance), " + tag,
                 mp_real(1 - lae::column_cosines<double>(A, t.exact.U).minCoeff()), mp_real(1e-4));
    out.at_least("off-diag(A'A) stays away from 0, " + tag, mp_real(lae::offdiag_ratio<double>(A)), mp_real(1e-4));
    const arma::mat drift = (t.result.A.t() * t.result.A - t.result.B * t.result.B.t()) -
                            (t.result.A0.t() * t.result.A0 - t.result.B0 * t.result.B0.t());
    out.close("drift of the whole A'A - BB' = accumulated eta^2 terms, " + tag,
              mp_real(arma::abs(drift - t.result.predicted_drift_matrix).max()), mp_real(1e-12));
    out.count_instance();
  }
}

AEL_CLAIM("LAE-10", "[derived]",
          "Flow limits: ordered d_k^2 = (delta_k + sqrt(delta_k^2 + 4))/2 (LAE, gamma_k = 1); MSE A'A = (Q0 + (Q0^2 + 4I)^1/2)/2, both up to the O(eta) GD drift") {
  for (int i = 0; i < ctx.instances; ++i) {
    for (auto kind : {lae::LossKind::ordered, lae::LossKind::mse}) {
      const auto t = train_instance(ctx.seed, kind, i);
      const std::string tag = std::string(lae::loss_name(kind)) + " n=" + std::to_string(t.n) + " p=" + std::to_string(t.p);
      const arma::mat Q0 = t.result.A0.t() * t.result.A0 - t.result.B0 * t.result.B0.t();
      const arma::mat Q1 = t.result.A.t() * t.result.A - t.result.B * t.result.B.t();
      const arma::mat AtA = t.result.A.t() * t.result.A;
      // Allowed deviation: the η² drift of the conserved quantity that the trainer accumulated
      // step by step (LAE-28/29 check it against the measured drift), plus rounding.
      auto limit = [](const arma::mat& Q) {
        arma::vec values;
        arma::mat vectors;
        arma::eig_sym(values, vectors, arma::mat(Q * Q + 4 * arma::eye(Q.n_rows, Q.n_cols)));
        return arma::mat((Q + vectors * arma::diagmat(arma::sqrt(values)) * vectors.t()) / 2);
      };
      if (kind == lae::LossKind::ordered) {
        const arma::vec d0 = Q0.diag(), d1 = Q1.diag();
        for (int k = 0; k < t.p; ++k) {
          auto pred = [](double delta) { return (delta + std::sqrt(delta * delta + 4)) / 2; };
          out.close("d_k^2 from the limit's own delta, " + tag, mp_real(AtA(k, k) - pred(d1(k))), mp_real(1e-9));
          // pred is 1-Lipschitz, so the GD drift the trainer accumulated (not the measured
          // one) bounds the deviation: docs/lae-math.md "Gradient-flow limits".
          out.close("d_k^2 from delta_k(0), within the predicted GD drift, " + tag, mp_real(AtA(k, k) - pred(d0(k))),
                    mp_real(std::abs(t.result.predicted_drift(k)) + 2e-9));
        }
      } else {
        out.close("A'A from the limit's own Q, " + tag, mp_real(arma::abs(AtA - limit(Q1)).max()), mp_real(1e-9));
        // The matrix function is 1-Lipschitz in the Frobenius norm: the predicted drift bounds it.
        out.close("A'A from Q0, within the predicted GD drift, " + tag, mp_real(arma::abs(AtA - limit(Q0)).max()),
                  mp_real(arma::norm(t.result.predicted_drift_matrix, "fro") + 2e-9));
      }
    }
    out.count_instance();
  }
}
