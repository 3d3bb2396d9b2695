#ifndef CONFORM_CSHIMS_H
#define CONFORM_CSHIMS_H
/* curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, and Swift cannot
   call C variadic functions. One typed wrapper per argument type keeps every call checked:
   https://curl.se/libcurl/c/curl_easy_setopt.html ("the parameter type must match"). */
#include <curl/curl.h>

typedef size_t (*conform_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

CURLcode conform_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode conform_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode conform_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode conform_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode conform_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode conform_easy_setopt_data_callback(CURL *handle, CURLoption option, conform_curl_data_callback value);

CURLcode conform_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode conform_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode conform_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode conform_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);
CURLcode conform_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode conform_multi_setopt_long(CURLM *handle, CURLMoption option, long value);

/* curl_share_setopt is variadic too: https://curl.se/libcurl/c/curl_share_setopt.html */
CURLSHcode conform_share_setopt_long(CURLSH *handle, CURLSHoption option, long value);

/* Names the calling thread (shown by top -H, gdb, perf); pthread_setname_np needs
   _GNU_SOURCE on Linux, which Swift's Glibc import does not define. Best effort. */
void conform_set_current_thread_name(const char *name);

#endif
