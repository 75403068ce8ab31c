// I/O module: round trips, format variants (npy orders/dtypes, gzip, IDX),
// exact mp_real parsing, every documented error, and the built-in dataset.
#include <doctest/doctest.h>

#include "core/atomic_write.hpp"
#include "core/io.hpp"

#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using ael::InputError;
using ael::Mat;
using ael::mp_real;
using ael::read_matrix;

namespace {

// One scratch folder per test process (parallel ctest suites must not collide),
// removed when the process exits.
struct ScratchDir {
  fs::path dir = fs::temp_directory_path() / ("ael_test_io_" + std::to_string(::getpid()));
  ScratchDir() { fs::create_directories(dir); }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

fs::path scratch(const std::string& name) {
  static const ScratchDir scratch_dir;
  return scratch_dir.dir / name;
}

std::string write_file(const std::string& name, const std::string& bytes) {
  const fs::path p = scratch(name);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return p.string();
}

std::string write_gz(const std::string& name, const std::string& bytes) {
  const std::string p = scratch(name).string();
  gzFile gz = gzopen(p.c_str(), "wb");
  gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(gz);
  return p;
}

std::string le_bytes(std::uint64_t v, int n) {
  std::string s;
  for (int k = 0; k < n; ++k) s += static_cast<char>((v >> (8 * k)) & 0xff);
  return s;
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string f64(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  return le_bytes(bits, 8);
}

std::string f32(float v) {
  std::uint32_t bits;
  std::memcpy(&bits, &v, 4);
  return le_bytes(bits, 4);
}

// A hand-made .npy (version 1.0): header dict as NumPy writes it, then raw data.
std::string npy(const std::string& descr, bool fortran, const std::string& shape, const std::string& data) {
  std::string dict =
      "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
  dict += std::string((64 - (10 + dict.size() + 1) % 64) % 64, ' ') + '\n';
  return std::string("\x93NUMPY\x01\x00", 8) + le_bytes(dict.size(), 2) + dict + data;
}

Mat<double> sample_double() {
  Mat<double> M(3, 4);
  M << 0.1, -2.5, 1.0 / 3.0, 12345.678, 1e-300, -7e200, 0, 5, 2, 3, 4, -0.000123;
  return M;
}

Mat<mp_real> sample_mp() {
  Mat<mp_real> M(2, 3);
  M(0, 0) = mp_real(1) / 3;
  M(0, 1) = -sqrt(mp_real(2));
  M(0, 2) = mp_real(1) / 10;
  M(1, 0) = pow(mp_real(10), -40) / 7;
  M(1, 1) = pow(mp_real(10), 30) * 3 / 7;
  M(1, 2) = 0;
  return M;
}

std::string error_of(const std::string& path, const ael::ReadOptions& options = {}) {
  try {
    read_matrix<double>(path, options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_SUITE("io") {
  TEST_CASE("CSV round trip in double is exact with 17 digits") {
    const Mat<double> M = sample_double();
    const std::string p = scratch("rt_double.csv").string();
    ael::write_csv(p, M, 17);
    const Mat<double> R = read_matrix<double>(p);
    CHECK(R.rows() == 3);
    CHECK(R.cols() == 4);
    CHECK(R == M);
  }

  TEST_CASE("CSV round trip in mp_real") {
    const Mat<mp_real> M = sample_mp();
    const std::string p = scratch("rt_mp.csv").string();
    SUBCASE("enough digits for the working precision: exact") {
      ael::write_csv(p, M, ael::working_digits() + 5);
      CHECK(read_matrix<mp_real>(p) == M);
    }
    SUBCASE("printed digits: relative error below 10^-(digits-1)") {
      ael::write_csv(p, M, ael::printed_digits());
      const Mat<mp_real> R = read_matrix<mp_real>(p);
      for (Eigen::Index i = 0; i < M.rows(); ++i)
        for (Eigen::Index j = 0; j < M.cols(); ++j)
          CHECK(abs(R(i, j) - M(i, j)) <= abs(M(i, j)) * pow(mp_real(10), 1 - ael::printed_digits()));
    }
  }

  TEST_CASE("npy round trip: exact in double, rounded double in mp_real") {
    const std::string p = scratch("rt.npy").string();
    ael::write_npy(p, sample_double());
    CHECK(read_matrix<double>(p) == sample_double());

    const Mat<mp_real> M = sample_mp();
    ael::write_npy(p, M);
    const Mat<mp_real> R = read_matrix<mp_real>(p);
    REQUIRE(R.rows() == 2);
    REQUIRE(R.cols() == 3);
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      for (Eigen::Index j = 0; j < M.cols(); ++j) CHECK(R(i, j) == mp_real(ael::to_double(M(i, j))));
  }

  TEST_CASE("written npy header is NumPy-compatible: 64-byte aligned data") {
    const std::string p = scratch("aligned.npy").string();
    ael::write_npy(p, sample_double());
    CHECK(fs::file_size(p) % 64 == (3 * 4 * 8) % 64);
    std::ifstream in(p, std::ios::binary);
    std::string head(128, '\0');
    in.read(&head[0], 128);
    CHECK(head.find("'descr': '<f8'") != std::string::npos);
    CHECK(head.find("'shape': (3, 4)") != std::string::npos);
  }

  TEST_CASE("mp_real parses decimal text at working precision, not through double") {
    const std::string p = write_file("tenth.csv", "0.1,0.3\n");
    const Mat<mp_real> M = read_matrix<mp_real>(p);
    CHECK(M(0, 0) == mp_real(1) / 10);
    CHECK(M(0, 1) == mp_real(3) / 10);
    CHECK(M(0, 0) != mp_real(0.1));  // the double 0.1 differs from 1/10 after ~17 digits
    CHECK(read_matrix<double>(p)(0, 0) == 0.1);
  }

  TEST_CASE("CSV tolerates whitespace, CRLF, blank trailing lines and a BOM") {
    const std::string text = "\xEF\xBB\xBF 1 , 2,\t3 \r\n4,5,6\r\n\r\n  \n\n";
    Mat<double> expected(2, 3);
    expected << 1, 2, 3, 4, 5, 6;
    CHECK(read_matrix<double>(write_file("ws.csv", text)) == expected);
    CHECK(read_matrix<double>(write_file("ws.txt", text)) == expected);
    CHECK(read_matrix<double>(write_file("no_final_newline.csv", "1,2,3\n4,5,6")) == expected);
  }

  TEST_CASE("skip_header and drop_last_column (labels need not be numeric)") {
    const std::string p = write_file("labelled.csv", "a,b,label\n1,2,cat\n3,4,dog\n");
    Mat<double> expected(2, 2);
    expected << 1, 2, 3, 4;
    CHECK(read_matrix<double>(p, {true, true}) == expected);
    CHECK_THROWS_AS(read_matrix<double>(p, {true, false}), InputError);  // "cat" is then data
    CHECK_THROWS_AS(read_matrix<double>(p), InputError);                 // header is then data
  }

  TEST_CASE("gzip-compressed CSV and npy") {
    Mat<double> expected(2, 2);
    expected << 1.5, 2, 3, -4;
    CHECK(read_matrix<double>(write_gz("m.csv.gz", "1.5,2\n3,-4\n")) == expected);
    CHECK(read_matrix<double>(write_gz("m.gz", "1.5,2\n3,-4\n")) == expected);
    CHECK(read_matrix<double>(
              write_gz("m.npy.gz", npy("<f8", false, "(2, 2)", f64(1.5) + f64(2) + f64(3) + f64(-4)))) == expected);
  }

  TEST_CASE("npy: Fortran and C order of a non-symmetric matrix agree") {
    Mat<double> expected(2, 3);
    expected << 1, 2, 3, 4, 5, 6;
    const std::string c_order = f64(1) + f64(2) + f64(3) + f64(4) + f64(5) + f64(6);
    const std::string f_order = f64(1) + f64(4) + f64(2) + f64(5) + f64(3) + f64(6);
    const Mat<double> C = read_matrix<double>(write_file("c.npy", npy("<f8", false, "(2, 3)", c_order)));
    const Mat<double> F = read_matrix<double>(write_file("f.npy", npy("<f8", true, "(2, 3)", f_order)));
    CHECK(C == expected);
    CHECK(F == expected);
    CHECK(read_matrix<mp_real>(scratch("f.npy").string()) == expected.cast<mp_real>());
  }

  TEST_CASE("npy: float32, 1-D arrays and format version 2.0") {
    const Mat<double> M = read_matrix<double>(
        write_file("f32.npy", npy("<f4", false, "(2, 2)", f32(0.5f) + f32(-1.25f) + f32(0.1f) + f32(3e10f))));
    CHECK(M(0, 0) == 0.5);
    CHECK(M(0, 1) == -1.25);
    CHECK(M(1, 0) == static_cast<double>(0.1f));
    CHECK(M(1, 1) == static_cast<double>(3e10f));

    const Mat<double> V =
        read_matrix<double>(write_file("vec.npy", npy("<f8", false, "(3,)", f64(7) + f64(8) + f64(9))));
    CHECK(V.rows() == 3);
    CHECK(V.cols() == 1);
    CHECK(V(2, 0) == 9);

    const std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }\n";
    const std::string v2 = std::string("\x93NUMPY\x02\x00", 8) + le_bytes(dict.size(), 4) + dict + f64(1) + f64(2);
    const Mat<double> W = read_matrix<double>(write_file("v2.npy", v2));
    CHECK(W.rows() == 1);
    CHECK(W.cols() == 2);
    CHECK(W(0, 1) == 2);
  }

  TEST_CASE("MNIST IDX images and labels") {
    // 2 images of 2 x 3 pixels -> 2 x 6, values 0..255 unscaled.
    const std::string images = be32(0x803) + be32(2) + be32(2) + be32(3) + std::string("\x00\x01\x02\x03\x04\x05", 6) +
                               std::string("\xff\x80\x07\x08\x09\x0a", 6);
    const Mat<double> X = read_matrix<double>(write_file("train-images-idx3-ubyte", images));
    CHECK(X.rows() == 2);
    CHECK(X.cols() == 6);
    CHECK(X(0, 5) == 5);
    CHECK(X(1, 0) == 255);
    CHECK(X(1, 1) == 128);
    const Mat<mp_real> L =
        read_matrix<mp_real>(write_file("labels.idx", be32(0x801) + be32(3) + std::string("\x07\x00\x09", 3)));
    CHECK(L.rows() == 3);
    CHECK(L.cols() == 1);
    CHECK(L(0, 0) == 7);
    CHECK(L(2, 0) == 9);
    CHECK(read_matrix<double>(write_gz("t10k-images-idx3-ubyte.gz", images)) == X);
  }

  TEST_CASE("missing, unreadable and empty inputs") {
    CHECK_THROWS_AS(read_matrix<double>(scratch("does_not_exist.csv").string()), InputError);
    CHECK(error_of(scratch("does_not_exist.csv").string()).find("file not found") != std::string::npos);
    fs::create_directories(scratch("a_directory.csv"));
    CHECK_THROWS_AS(read_matrix<double>(scratch("a_directory.csv").string()), InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("empty.csv", "")), InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("blank.csv", "\n  \r\n\n")), InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("header_only.csv", "a,b\n"), {true, false}), InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("one_col.csv", "1\n2\n"), {false, true}), InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("data.xlsx", "1,2\n")), InputError);
    CHECK(error_of(scratch("empty.csv").string()).find("no data rows") != std::string::npos);
  }

  TEST_CASE("CSV content errors name line, column and text") {
    const std::string ragged = write_file("ragged.csv", "1,2,3\n4,5,6\n7,8\n");
    CHECK_THROWS_AS(read_matrix<double>(ragged), InputError);
    CHECK(error_of(ragged) == ragged + ": line 3 has 2 columns, expected 3 (as on line 1)");

    const std::string bad = write_file("bad_cell.csv", "1,2,3\n4,5,abc\n");
    CHECK_THROWS_AS(read_matrix<mp_real>(bad), InputError);
    const std::string msg = error_of(bad);
    CHECK(msg.find(bad) == 0);
    CHECK(msg.find("line 2, column 3") != std::string::npos);
    CHECK(msg.find("'abc'") != std::string::npos);

    for (const std::string cell : {"nan", "NaN", "inf", "-inf", "Infinity", "", "5e", "0x10", "1.2.3"}) {
      CAPTURE(cell);
      const std::string p = write_file("nonfinite.csv", std::string("1,") + cell + "\n");
      CHECK_THROWS_AS(read_matrix<double>(p), InputError);
      CHECK_THROWS_AS(read_matrix<mp_real>(p), InputError);
    }
    CHECK(error_of(scratch("nonfinite.csv").string()).find("\n") == std::string::npos);
    // 1e999 overflows a double but is an ordinary number in MPFR's exponent range.
    const std::string huge = write_file("huge.csv", "1,1e999\n");
    CHECK_THROWS_AS(read_matrix<double>(huge), InputError);
    CHECK(read_matrix<mp_real>(huge)(0, 1) == pow(mp_real(10), 999));
    // Binary junk read as CSV still gives a one-line message.
    const std::string junk = write_file("junk.csv", std::string("\x01\x02\r\x03", 4) + std::string(200, 'x') + "\n");
    CHECK(error_of(junk).find_first_of("\r\n") == std::string::npos);
    CHECK(error_of(junk).size() < 200);
  }

  TEST_CASE("npy errors") {
    const std::string six = f64(1) + f64(2) + f64(3) + f64(4) + f64(5) + f64(6);
    const std::string bad_magic = write_file("bad_magic.npy", "PK\x03\x04 this is a zip" + six);
    CHECK_THROWS_AS(read_matrix<double>(bad_magic), InputError);
    CHECK(error_of(bad_magic).find("magic") != std::string::npos);

    const std::string i4 = write_file("i4.npy", npy("<i4", false, "(2, 3)", six));
    CHECK_THROWS_AS(read_matrix<double>(i4), InputError);
    CHECK(error_of(i4).find("'<i4'") != std::string::npos);
    const std::string be = write_file("be.npy", npy(">f8", false, "(2, 3)", six));
    CHECK_THROWS_AS(read_matrix<double>(be), InputError);
    CHECK(error_of(be).find("big-endian") != std::string::npos);

    const std::string truncated = write_file("truncated.npy", npy("<f8", false, "(2, 3)", six.substr(0, 40)));
    CHECK_THROWS_AS(read_matrix<double>(truncated), InputError);
    CHECK(error_of(truncated).find("truncated") != std::string::npos);
    CHECK_THROWS_AS(read_matrix<double>(write_file("trunc_header.npy", npy("<f8", false, "(2, 3)", six).substr(0, 30))),
                    InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("huge.npy", npy("<f8", false, "(99999999999, 99999999999)", six))),
                    InputError);

    const std::string three_d = write_file("3d.npy", npy("<f8", false, "(1, 2, 3)", six));
    CHECK_THROWS_AS(read_matrix<double>(three_d), InputError);
    CHECK(error_of(three_d).find("3 dimensions") != std::string::npos);
    CHECK_THROWS_AS(read_matrix<double>(write_file("0d.npy", npy("<f8", false, "()", f64(1)))), InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("empty.npy", npy("<f8", false, "(0, 3)", ""))), InputError);

    const std::string with_nan = write_file(
        "nan.npy",
        npy("<f8", false, "(2, 3)", six.substr(0, 32) + f64(std::numeric_limits<double>::quiet_NaN()) + f64(6)));
    CHECK_THROWS_AS(read_matrix<double>(with_nan), InputError);
    CHECK(error_of(with_nan) == with_nan + ": row 2, column 2 is NaN");
    const std::string with_inf =
        write_file("inf.npy", npy("<f4", false, "(2,)", f32(1) + f32(-std::numeric_limits<float>::infinity())));
    CHECK_THROWS_AS(read_matrix<mp_real>(with_inf), InputError);
    CHECK(error_of(with_inf).find("row 2, column 1 is infinite") != std::string::npos);
  }

  TEST_CASE("IDX and gzip errors") {
    const std::string wrong = write_file("wrong-ubyte", be32(0x804) + be32(1) + be32(1) + be32(1) + "\x01");
    CHECK_THROWS_AS(read_matrix<double>(wrong), InputError);
    CHECK(error_of(wrong).find("0x00000804") != std::string::npos);
    CHECK_THROWS_AS(
        read_matrix<double>(write_file("short-ubyte", be32(0x803) + be32(2) + be32(28) + be32(28) + "\x01")),
        InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("short_header.idx", be32(0x803) + be32(2))), InputError);
    CHECK_THROWS_AS(read_matrix<double>(write_file("tiny.idx", std::string("\x00\x00", 2))), InputError);

    // A gzip stream cut in half must not read as a shorter valid file.
    std::string rows;
    for (int i = 0; i < 2000; ++i) rows += std::to_string(i) + "," + std::to_string(i * 7 % 13) + "\n";
    const std::string whole = write_gz("whole.csv.gz", rows);
    std::ifstream in(whole, std::ios::binary);
    const std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(read_matrix<double>(whole).rows() == 2000);
    CHECK_THROWS_AS(read_matrix<double>(write_file("cut.csv.gz", gz.substr(0, gz.size() / 2))), InputError);
  }

  TEST_CASE("writers refuse what the readers would reject") {
    Mat<double> M = sample_double();
    CHECK_THROWS_AS(ael::write_csv(scratch("no_such_dir/x.csv").string(), M, 17), InputError);
    CHECK_THROWS_AS(ael::write_npy(scratch("no_such_dir/x.npy").string(), M), InputError);
    M(1, 2) = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(ael::write_csv(scratch("inf.csv").string(), M, 17), InputError);
    CHECK_THROWS_AS(ael::write_npy(scratch("inf_out.npy").string(), M), InputError);
    Mat<mp_real> big(1, 1);
    big(0, 0) = pow(mp_real(10), 400);  // finite in mp_real, infinite as a double
    CHECK_THROWS_AS(ael::write_npy(scratch("big.npy").string(), big), InputError);
  }

  TEST_CASE("atomic writes: whole file or nothing, no temporary left, paths checked up front (issue #14 item 18)") {
    const std::string target = scratch("atomic/out.csv").string();
    CHECK_THROWS_AS(ael::check_writable(target), InputError);  // no such directory
    fs::create_directories(scratch("atomic"));
    ael::check_writable(target);
    CHECK(!fs::exists(target));                              // the check leaves nothing behind
    CHECK(fs::is_empty(scratch("atomic")));
    ael::write_file_atomically(target, "1,2\n");
    ael::write_file_atomically(target, "3,4\n");           // replaces, never appends
    CHECK(read_matrix<double>(target)(0, 1) == 4);
    CHECK(std::distance(fs::directory_iterator(scratch("atomic")), fs::directory_iterator()) == 1);
    CHECK_THROWS_AS(ael::check_writable(scratch("atomic").string()), InputError);  // a directory
    Mat<double> M = sample_double();
    M(0, 0) = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(ael::write_csv(target, M, 17), InputError);
    CHECK(read_matrix<double>(target)(0, 1) == 4);           // the old file is intact
    ael::check_writable("/dev/null");                          // devices are written in place
    ael::write_file_atomically("/dev/null", "x");
    CHECK(fs::is_character_file("/dev/null"));
  }

  TEST_CASE("constant_columns") {
    Mat<double> X(3, 4);
    X << 1, 0, 5, 2, 1, 1, 5, 2, 1, 0, 5, 2.0000001;
    CHECK(ael::constant_columns(X) == std::vector<int>{0, 2});
    CHECK(ael::constant_columns(Mat<mp_real>(X.cast<mp_real>())) == std::vector<int>{0, 2});
  }

  TEST_CASE("built-in digits dataset") {
    // Verified independently with zcat/awk: 1797 rows x 65 columns, pixels in [0,16],
    // pixel columns 0, 32 and 39 all zero, pixel sum 561718, first row starts 0,0,5,13,9,1.
    CHECK(ael::is_builtin_dataset("digits"));
    CHECK_FALSE(ael::is_builtin_dataset("mnist"));
    const Mat<double> X = ael::load_dataset<double>("digits");
    REQUIRE(X.rows() == 1797);
    REQUIRE(X.cols() == 64);
    CHECK(X.minCoeff() == 0);
    CHECK(X.maxCoeff() == 16);
    CHECK(X.sum() == 561718);
    CHECK(X(0, 2) == 5);
    CHECK(X(0, 3) == 13);
    CHECK(ael::constant_columns(X) == std::vector<int>{0, 32, 39});

    const Mat<mp_real> Xm = ael::load_dataset<mp_real>("digits");
    CHECK(Xm == X.cast<mp_real>());
    CHECK(ael::constant_columns(Xm) == std::vector<int>{0, 32, 39});
  }

  TEST_CASE("load_dataset passes files through and explains unknown names") {
    const std::string p = write_file("pass.csv", "h1,h2\n1,2\n");
    CHECK(ael::load_dataset<double>(p, {true, false}).cols() == 2);
    CHECK_THROWS_AS(ael::load_dataset<double>("no_such_dataset"), InputError);
    CHECK_THROWS_WITH_AS(ael::load_dataset<double>("no_such_dataset"), doctest::Contains("built-in"), InputError);
  }
}
