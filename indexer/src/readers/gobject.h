#pragma once
// Internal: GLib objects held by the readers that use GNOME's libraries
// (GMime for MIME, libgsf for OLE2), released when they go.

#include <glib-object.h>

#include <memory>

namespace dateline::readers {

template <typename T>
struct GObjectDeleter {
  void operator()(T* object) const { g_object_unref(object); }
};
/// A GObject reference, released when it goes (never null when called).
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectDeleter<T>>;

}  // namespace dateline::readers
