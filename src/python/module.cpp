// aelandscape._core: the Python extension over the api's plain entry points
// (api/plain.hpp). Arrays arrive here already checked and converted to float64
// by aelandscape/_arrays.py; this file copies them, releases the GIL for the
// computation and maps library errors to Python exceptions:
//   ParameterError (bad input, names the parameter) -> ValueError,
//   Interrupted (Ctrl-C via request_interrupt)      -> KeyboardInterrupt,
//   std::bad_alloc                                  -> MemoryError,
//   any other library error (numerical refusal)     -> RuntimeError.
// It instantiates no multiprecision template: everything numeric is in aelapi.
#include "api/plain.hpp"
#include "core/errors.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <mutex>

namespace py = pybind11;
using namespace ael::api::plain;

namespace {
// The library keeps process-wide state (printed digits, the progress reporter):
// one computation at a time. Taken after the GIL is released.
std::mutex g_call;

// A 2-d float64 array (checked by _arrays.py) or None, copied column-major.
Matrix to_matrix(const py::object& obj) {
  Matrix M;
  if (obj.is_none()) return M;
  const auto a = py::array_t<double, py::array::f_style | py::array::forcecast>::ensure(obj);
  if (!a || a.ndim() != 2) throw py::value_error("expected a 2-d float64 array");
  M.rows = static_cast<long>(a.shape(0));
  M.cols = static_cast<long>(a.shape(1));
  M.values.assign(a.data(), a.data() + a.size());
  return M;
}

template <class F> std::string released(F&& work) {
  py::gil_scoped_release release;
  std::lock_guard<std::mutex> lock(g_call);
  return work();
}

LaeInput lae_input(const py::object& X, const py::object& Y, const std::string& source, const std::string& targets, bool center,
                   bool drop_constant, int n, int m, std::uint64_t seed, const std::string& spectrum) {
  LaeInput in;
  in.X = to_matrix(X);
  in.Y = to_matrix(Y);
  in.source = source;
  in.targets = targets;
  in.center = center;
  in.drop_constant = drop_constant;
  in.n = n;
  in.m = m;
  in.seed = seed;
  in.spectrum = spectrum;
  return in;
}
}  // namespace

PYBIND11_MODULE(_core, mod) {
  mod.doc() = "aelandscape C++ core (use the aelandscape package, not this module)";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Interrupted&) {
      PyErr_SetString(PyExc_KeyboardInterrupt, "interrupted");
    } catch (const ael::ParameterError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const std::bad_alloc&) {
      PyErr_SetString(PyExc_MemoryError, "out of memory");
    } catch (const py::error_already_set&) {
      throw;
    } catch (const py::builtin_exception&) {
      throw;
    } catch (const std::exception& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });

  mod.def(
      "lae_inspect",
      [](py::object X, py::object Y, py::object A, py::object B, const std::string& source, const std::string& targets, bool center,
         bool drop_constant, const std::string& loss, double tol, bool numeric, bool multiprecision, int digits, bool certify) {
        const LaeInput in = lae_input(X, Y, source, targets, center, drop_constant, 6, 40, 1, "linear");
        const Matrix a = to_matrix(A), b = to_matrix(B);
        const InspectArgs args{loss, tol, numeric, multiprecision, digits, certify};
        return released([&] { return lae_inspect(in, a, b, args); });
      });
  mod.def("lae_spectrum", [](py::object X, py::object Y, const std::string& source, const std::string& targets, bool center,
                             bool drop_constant, int n, int m, std::uint64_t seed, const std::string& spectrum, int p,
                             const std::string& loss, const std::string& index, const std::vector<std::string>& scales,
                             py::object scale_matrix, const std::string& method, const std::string& point, int digits) {
    const LaeInput in = lae_input(X, Y, source, targets, center, drop_constant, n, m, seed, spectrum);
    SpectrumArgs args;
    args.p = p;
    args.loss = loss;
    args.index = index;
    args.scales = scales;
    args.scale_matrix = to_matrix(scale_matrix);
    args.method = method;
    args.point = point;
    args.digits = digits;
    return released([&] { return lae_spectrum(in, args); });
  });
  mod.def("sign_denoiser_risk", [](const std::string& rate, const std::string& p, bool partial, bool certify, int digits) {
    return released([&] { return sign_denoiser_risk(rate, p, partial, certify, digits); });
  });
  mod.def("sparse_expected_gradient",
          [](const std::map<std::string, std::string>& instance, const std::string& rows, const std::string& arithmetic, int digits) {
            return released([&] { return sparse_expected_gradient(instance, rows, arithmetic, digits); });
          });
  mod.def("verify", [](const std::string& only, int instances, std::uint64_t seed, bool certify, int digits) {
    return released([&] { return verify(only, instances, seed, certify, digits); });
  });
  // Called from the main thread on Ctrl-C while a worker thread runs a call; needs no lock.
  mod.def("request_interrupt", &request_interrupt);
  mod.def("version", &version);
}
