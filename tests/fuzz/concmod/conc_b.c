// SPDX-License-Identifier: GPL-2.0
#define CONC_FN conc_b_touch
#define CONC_EMBED struct list_head list[2]; struct kref ref; struct rb_node rb;
#define CONC_INIT INIT_LIST_HEAD(&conc_state.list[0]); kref_init(&conc_state.ref);
#include "conc_common.h"
