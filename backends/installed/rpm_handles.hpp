// One owning type per librpm handle used here; nothing else in locidep calls
// the matching *Free functions. Private to backends/installed.
#pragma once

#include <memory>
#include <string>
#include <type_traits>

#include "backends/installed/rpm_library.hpp"

namespace locidep::backends::rpm {

struct TransactionSetFree {
  void operator()(rpmts ts) const noexcept { lib::rpmtsFree(ts); }
};
// rpmts: the handle that owns the open rpmdb and the root directory.
using TransactionSet = std::unique_ptr<std::remove_pointer_t<rpmts>, TransactionSetFree>;

struct MatchIteratorFree {
  void operator()(rpmdbMatchIterator iterator) const noexcept { lib::rpmdbFreeIterator(iterator); }
};
// Headers returned by rpmdbNextIterator belong to the iterator.
using MatchIterator = std::unique_ptr<std::remove_pointer_t<rpmdbMatchIterator>, MatchIteratorFree>;

struct VersionFree {
  void operator()(rpmver version) const noexcept { lib::rpmverFree(version); }
};
using Version = std::unique_ptr<std::remove_pointer_t<rpmver>, VersionFree>;

// A macro defined for the lifetime of this object (rpmPushMacro/rpmPopMacro on
// the global context), so an override meant for one rpmdb open does not leak
// into later librpm users.
class MacroOverride {
 public:
  MacroOverride(std::string name, const std::string& value) : name_(std::move(name)) {
    lib::rpmPushMacro(nullptr, name_.c_str(), nullptr, value.c_str(), RMIL_CMDLINE);
  }
  ~MacroOverride() { lib::rpmPopMacro(nullptr, name_.c_str()); }
  MacroOverride(const MacroOverride&) = delete;
  MacroOverride& operator=(const MacroOverride&) = delete;

 private:
  std::string name_;
};

// Collects librpm's log messages instead of letting it print them, so they can
// go into a locidep::Error. librpm keeps one global callback; the previous one
// is put back on destruction (its callback data cannot be read back, and
// nothing in locidep sets any).
class LogCapture {
 public:
  LogCapture() : previous_(lib::rpmlogSetCallback(&LogCapture::record, this)) {}
  ~LogCapture() { lib::rpmlogSetCallback(previous_, nullptr); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // Errors and warnings, joined with "; ".
  const std::string& messages() const { return messages_; }
  bool saw_error() const { return saw_error_; }

 private:
  static int record(rpmlogRec rec, rpmlogCallbackData data) {
    auto* self = static_cast<LogCapture*>(data);
    const rpmlogLvl priority = lib::rpmlogRecPriority(rec);
    if (priority <= RPMLOG_ERR) self->saw_error_ = true;
    if (priority <= RPMLOG_WARNING) {
      std::string message = lib::rpmlogRecMessage(rec);
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
      }
      if (!self->messages_.empty()) self->messages_ += "; ";
      self->messages_ += message;
    }
    return 0;  // handled: do not print
  }

  rpmlogCallback previous_;
  std::string messages_;
  bool saw_error_ = false;
};

}  // namespace locidep::backends::rpm
