// SPDX-License-Identifier: GPL-2.0
#include <linux/mutex.h>
#define CONC_FN conc_c_touch
#define CONC_EMBED struct mutex lock; struct list_head list;
#define CONC_INIT mutex_init(&conc_state.lock); INIT_LIST_HEAD(&conc_state.list);
#include "conc_common.h"
