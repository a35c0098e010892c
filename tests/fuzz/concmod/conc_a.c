// SPDX-License-Identifier: GPL-2.0
#define CONC_FN conc_a_touch
#define CONC_EMBED struct list_head list; struct hlist_node hnode; struct kref ref;
#define CONC_INIT INIT_LIST_HEAD(&conc_state.list); kref_init(&conc_state.ref);
#include "conc_common.h"
