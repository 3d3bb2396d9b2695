#ifndef CONFORM_CLIBXML2_SHIM_H
#define CONFORM_CLIBXML2_SHIM_H
/* libxml2 pulls in the system ICU when LIBXML_ICU_ENABLED is set, and that copy of ICU
   clashes with the one Foundation ships ("'UErrorCode' has different definitions in
   different modules"). Nothing here needs ICU, so switch it off before the other headers. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#endif
