// SPDX-License-Identifier: GPL-2.0
#include <linux/completion.h>
#define CONC_FN conc_d_touch
#define CONC_EMBED struct completion done; struct hlist_node hnode;
#define CONC_INIT init_completion(&conc_state.done);
#include "conc_common.h"
