// LazyLibrary: a library opened on first use; failures are locidep::Errors
// naming the library and, for a missing function, the function.
#include "common/shared_library.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/error.hpp"

namespace locidep {
namespace {

// libm is in every glibc system and its cos() is a plain C function.
TEST(LazyLibrary, OpensOnFirstUseAndCallsTheFunction) {
  const LazyLibrary library("libm.so.6");
  const auto cosine = library.function<double(double)>("cos");
  EXPECT_DOUBLE_EQ(cosine(0.0), 1.0);
  EXPECT_TRUE(library.is_loaded());
}

TEST(LazyLibrary, AMissingLibraryIsAnEnvironmentErrorNamingIt) {
  const LazyLibrary library("liblocidep-no-such-library.so.7");
  EXPECT_FALSE(library.is_loaded());
  try {
    library.function<int()>("anything");
    FAIL() << "a missing library was opened";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::environment);
    EXPECT_NE(std::string(error.what()).find("cannot load liblocidep-no-such-library.so.7"),
              std::string::npos)
        << error.what();
  }
  // Asked again, it fails again the same way (the open is tried once).
  EXPECT_THROW(library.function<int()>("anything"), Error);
}

TEST(LazyLibrary, AMissingFunctionIsAnErrorNamingTheLibraryAndTheFunction) {
  const LazyLibrary library("libm.so.6");
  try {
    library.function<int()>("locidep_no_such_function");
    FAIL() << "a missing function was found";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.exit_code(), ExitCode::environment);
    EXPECT_NE(message.find("libm.so.6 has no function locidep_no_such_function"), std::string::npos)
        << message;
  }
}

}  // namespace
}  // namespace locidep
