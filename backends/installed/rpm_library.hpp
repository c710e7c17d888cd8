// librpm's functions (librpm and librpmio), reached through dlopen on first
// use (see common/shared_library.hpp for why): only image-root reads (`check`,
// `--base-root`) need librpm. Each has the name and signature of the real
// one; call them qualified (rpm::lib::rpmtsCreate): an unqualified call names
// the real symbol, which locidep does not link, and fails to link.
// Private to backends/installed and the rpmdb reader of backends/rpm.
#pragma once

#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmtag.h>
#include <rpm/rpmts.h>
#include <rpm/rpmver.h>

#include <cstddef>
#include <cstdint>

namespace locidep::backends::rpm::lib {

// librpm
uint64_t headerGetNumber(Header header, rpmTagVal tag);
const char* headerGetString(Header header, rpmTagVal tag);
int headerIsEntry(Header header, rpmTagVal tag);
int rpmReadConfigFiles(const char* file, const char* target);
rpmdbMatchIterator rpmdbFreeIterator(rpmdbMatchIterator iterator);
Header rpmdbNextIterator(rpmdbMatchIterator iterator);
rpmts rpmtsCreate();
rpmts rpmtsFree(rpmts ts);
rpmdbMatchIterator rpmtsInitIterator(rpmts ts, rpmDbiTagVal tag, const void* key,
                                     std::size_t key_length);
int rpmtsOpenDB(rpmts ts, int mode);
int rpmtsSetRootDir(rpmts ts, const char* root);
rpmVSFlags rpmtsSetVSFlags(rpmts ts, rpmVSFlags flags);
rpmVSFlags rpmtsVSFlags(rpmts ts);
// librpmio (a dependency of librpm: found through the same handle)
char* rpmCleanPath(char* path);
int rpmPushMacro(rpmMacroContext context, const char* name, const char* options, const char* body,
                 int level);
int rpmPopMacro(rpmMacroContext context, const char* name);
const char* rpmlogRecMessage(rpmlogRec record);
rpmlogLvl rpmlogRecPriority(rpmlogRec record);
rpmlogCallback rpmlogSetCallback(rpmlogCallback callback, rpmlogCallbackData data);
int rpmverCmp(rpmver left, rpmver right);
rpmver rpmverFree(rpmver version);
rpmver rpmverParse(const char* evr);
int rpmvercmp(const char* left, const char* right);

}  // namespace locidep::backends::rpm::lib
