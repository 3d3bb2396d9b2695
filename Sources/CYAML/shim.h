#ifndef CONFORM_CYAML_SHIM_H
#define CONFORM_CYAML_SHIM_H
/* Debian's libyaml (libyaml-dev). Conform reads specs from its event parser directly, so
   aliases are refused at the `*name` event instead of being expanded into a tree. */
#include <yaml.h>
#endif
