#include "backends/installed/rpm_library.hpp"

#include <rpm/rpmfileutil.h>
#include <rpm/rpmlib.h>

#include "common/shared_library.hpp"

namespace locidep::backends::rpm::lib {

namespace {

// LOCIDEP_LIBRPM_SONAME: the SONAME of the librpm found at configure time
// (CMakeLists.txt). dlsym on its handle also finds librpmio's functions:
// the search covers the library's own dependencies.
const LazyLibrary& library() {
  static const LazyLibrary librpm(LOCIDEP_LIBRPM_SONAME);
  return librpm;
}

}  // namespace

uint64_t headerGetNumber(Header header, rpmTagVal tag) {
  static auto* const real = library().function<decltype(::headerGetNumber)>("headerGetNumber");
  return real(header, tag);
}

const char* headerGetString(Header header, rpmTagVal tag) {
  static auto* const real = library().function<decltype(::headerGetString)>("headerGetString");
  return real(header, tag);
}

int headerIsEntry(Header header, rpmTagVal tag) {
  static auto* const real = library().function<decltype(::headerIsEntry)>("headerIsEntry");
  return real(header, tag);
}

int rpmReadConfigFiles(const char* file, const char* target) {
  static auto* const real =
      library().function<decltype(::rpmReadConfigFiles)>("rpmReadConfigFiles");
  return real(file, target);
}

rpmdbMatchIterator rpmdbFreeIterator(rpmdbMatchIterator iterator) {
  static auto* const real = library().function<decltype(::rpmdbFreeIterator)>("rpmdbFreeIterator");
  return real(iterator);
}

Header rpmdbNextIterator(rpmdbMatchIterator iterator) {
  static auto* const real = library().function<decltype(::rpmdbNextIterator)>("rpmdbNextIterator");
  return real(iterator);
}

rpmts rpmtsCreate() {
  static auto* const real = library().function<decltype(::rpmtsCreate)>("rpmtsCreate");
  return real();
}

rpmts rpmtsFree(rpmts ts) {
  static auto* const real = library().function<decltype(::rpmtsFree)>("rpmtsFree");
  return real(ts);
}

rpmdbMatchIterator rpmtsInitIterator(rpmts ts, rpmDbiTagVal tag, const void* key,
                                     std::size_t key_length) {
  static auto* const real = library().function<decltype(::rpmtsInitIterator)>("rpmtsInitIterator");
  return real(ts, tag, key, key_length);
}

int rpmtsOpenDB(rpmts ts, int mode) {
  static auto* const real = library().function<decltype(::rpmtsOpenDB)>("rpmtsOpenDB");
  return real(ts, mode);
}

int rpmtsSetRootDir(rpmts ts, const char* root) {
  static auto* const real = library().function<decltype(::rpmtsSetRootDir)>("rpmtsSetRootDir");
  return real(ts, root);
}

rpmVSFlags rpmtsSetVSFlags(rpmts ts, rpmVSFlags flags) {
  static auto* const real = library().function<decltype(::rpmtsSetVSFlags)>("rpmtsSetVSFlags");
  return real(ts, flags);
}

rpmVSFlags rpmtsVSFlags(rpmts ts) {
  static auto* const real = library().function<decltype(::rpmtsVSFlags)>("rpmtsVSFlags");
  return real(ts);
}

char* rpmCleanPath(char* path) {
  static auto* const real = library().function<decltype(::rpmCleanPath)>("rpmCleanPath");
  return real(path);
}

int rpmPushMacro(rpmMacroContext context, const char* name, const char* options, const char* body,
                 int level) {
  static auto* const real = library().function<decltype(::rpmPushMacro)>("rpmPushMacro");
  return real(context, name, options, body, level);
}

int rpmPopMacro(rpmMacroContext context, const char* name) {
  static auto* const real = library().function<decltype(::rpmPopMacro)>("rpmPopMacro");
  return real(context, name);
}

const char* rpmlogRecMessage(rpmlogRec record) {
  static auto* const real = library().function<decltype(::rpmlogRecMessage)>("rpmlogRecMessage");
  return real(record);
}

rpmlogLvl rpmlogRecPriority(rpmlogRec record) {
  static auto* const real = library().function<decltype(::rpmlogRecPriority)>("rpmlogRecPriority");
  return real(record);
}

rpmlogCallback rpmlogSetCallback(rpmlogCallback callback, rpmlogCallbackData data) {
  static auto* const real = library().function<decltype(::rpmlogSetCallback)>("rpmlogSetCallback");
  return real(callback, data);
}

int rpmverCmp(rpmver left, rpmver right) {
  static auto* const real = library().function<decltype(::rpmverCmp)>("rpmverCmp");
  return real(left, right);
}

rpmver rpmverFree(rpmver version) {
  static auto* const real = library().function<decltype(::rpmverFree)>("rpmverFree");
  return real(version);
}

rpmver rpmverParse(const char* evr) {
  static auto* const real = library().function<decltype(::rpmverParse)>("rpmverParse");
  return real(evr);
}

int rpmvercmp(const char* left, const char* right) {
  static auto* const real = library().function<decltype(::rpmvercmp)>("rpmvercmp");
  return real(left, right);
}

}  // namespace locidep::backends::rpm::lib
