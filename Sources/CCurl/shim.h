#ifndef CONFORM_CCURL_SHIM_H
#define CONFORM_CCURL_SHIM_H
#include <curl/curl.h>
#endif
