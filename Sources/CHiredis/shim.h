#ifndef BULLPEN_CHIREDIS_SHIM_H
#define BULLPEN_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
