/*
 * model_meeting — a meeting as the program holds it in memory, apart
 * from how it is stored (db_meeting.h), so that renderers need no
 * database header.
 */
#ifndef TB_MODEL_MEETING_H
#define TB_MODEL_MEETING_H

struct tb_meeting {
	long long id;
	char date[11];	    /* YYYY-MM-DD */
	char start_time[6]; /* HH:MM */
	int length_min;
	char board[41];	    /* a board id of boards.xml */
	char level[10];	    /* local | regional | national */
	char location[201]; /* room or video link; may be empty */
	char chair[201];    /* may be empty */
	char status[12];    /* planned | running | finished | cancelled */
	int n_cases;	    /* agenda items not removed */
	char started[21];   /* when it really started (UTC), "" before */
	char finished[21];  /* when it finished (UTC), "" before */
};

#endif
