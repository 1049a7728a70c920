#ifndef BULLPEN_SYSTEM_H
#define BULLPEN_SYSTEM_H
/// Placeholder: the POSIX calls Swift cannot make directly land here.
int bullpen_system_placeholder(void);
#endif
