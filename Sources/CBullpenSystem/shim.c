#include "CBullpenSystem.h"
int bullpen_system_placeholder(void) { return 0; }
