/* The shipped forms for unit tests that fill and sign drafts: loaded
 * once for a group (test_forms_setup, on the tests' fixed clock), a value
 * set that must be taken, and the general form's required fields. */
#ifndef TB_TESTFORMS_H
#define TB_TESTFORMS_H

#include "testutil.h"

#include "clock.h"
#include "decision.h"
#include "form_def.h"
#include "import.h"
#include "import_form.h"

static struct form_set forms;

static inline int test_forms_setup(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	import_global_init();
	if (import_form_load_all(NULL, &forms, &d) != TB_OK) {
		diag_print(&d, stderr);
		diag_done(&d);
		return -1;
	}
	diag_done(&d);
	return 0;
}

static inline int test_forms_teardown(void **state)
{
	(void)state;
	form_set_done(&forms);
	import_global_cleanup();
	return 0;
}

/* Sets field of case id's draft to value; fails the test when refused. */
static inline void test_set_ok(struct db *db, long long id, const char *field,
			       const char *value)
{
	struct diag d;
	diag_init(&d);
	enum tb_status st = decision_set(db, &forms, id, field, value, &d);
	if (st != TB_OK) {
		diag_print(&d, stderr);
		fail_msg("setting %s failed", field);
	}
	diag_done(&d);
}

/* The general form's required fields of case id's draft, the follow-up
 * date due ("+3w", a date). */
static inline void test_fill_general(struct db *db, long long id,
				     const char *due)
{
	test_set_ok(db, id, "discussed", "history imaging");
	test_set_ok(db, id, "recommendation", "systemic");
	test_set_ok(db, id, "intent", "palliative");
	test_set_ok(db, id, "rationale", "Läkemedlet verkar mot tumörens gen.");
	test_set_ok(db, id, "guideline", "follows");
	test_set_ok(db, id, "trial-considered", "no");
	test_set_ok(db, id, "contact-nurse", "Lena Ek");
	test_set_ok(db, id, "follow-up-date", due);
}

#endif
