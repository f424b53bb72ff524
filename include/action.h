/*
 * action — every user action, defined once. The enum, the name lookup, the
 * help screen and the status-bar hints are all generated from ACTION_TABLE;
 * key bindings (keymap) refer to actions by these names.
 */
#ifndef TB_ACTION_H
#define TB_ACTION_H

#include <stdbool.h>
#include <stddef.h>

/* X(ENUM, "name", "group", "help text") */
#define ACTION_TABLE(X)                                                        \
	X(MOVE_UP, "move-up", "navigation", "Move up one row")                 \
	X(MOVE_DOWN, "move-down", "navigation", "Move down one row")           \
	X(PAGE_UP, "page-up", "navigation", "Move up one screen")              \
	X(PAGE_DOWN, "page-down", "navigation", "Move down one screen")        \
	X(FIRST, "first", "navigation", "Go to the first row")                 \
	X(LAST, "last", "navigation", "Go to the last row")                    \
	X(OPEN, "open", "navigation", "Open the selected case")                \
	X(BACK, "back", "navigation", "Go back to the previous screen")        \
	X(SEARCH, "search", "search",                                          \
	  "Search: the cases in the list, the text in a case")                 \
	X(SEARCH_NEXT, "search-next", "search", "Go to the next match")        \
	X(SEARCH_PREV, "search-prev", "search", "Go to the previous match")    \
	X(HELP, "help", "general", "Show this help")                           \
	X(COMMAND, "command", "general",                                       \
	  "Command line: an action by name, or case CASE-ID to open a case")   \
	X(QUIT, "quit", "general", "Quit tumorboard")                          \
	X(NEXT_PANE, "next-pane", "case",                                      \
	  "Show the next part of the case (summary, pathology, ...)")          \
	X(PREV_PANE, "prev-pane", "case",                                      \
	  "Show the previous part of the case")                                \
	X(NEXT_CASE, "next-case", "case",                                      \
	  "Next case of the agenda the case was opened from")                  \
	X(PREV_CASE, "prev-case", "case", "Previous case of the agenda")       \
	X(QUEUE, "queue", "lists",                                             \
	  "Show only the referral queue (cases on no agenda), or all cases")   \
	X(MOVE_ITEM_DOWN, "move-item-down", "agenda",                          \
	  "Move the selected case one place later on the agenda")              \
	X(MOVE_ITEM_UP, "move-item-up", "agenda",                              \
	  "Move the selected case one place earlier on the agenda")            \
	X(MEETINGS, "meetings", "lists", "Show the meetings")                  \
	X(FOLLOWUPS, "followups", "lists",                                     \
	  "Show the follow-up list: due, overdue, done")                       \
	X(CARRIED_OUT, "carried-out", "follow-up",                             \
	  "Record that the recommendation was carried out")                    \
	X(NOT_CARRIED_OUT, "not-carried-out", "follow-up",                     \
	  "Record that it was not carried out, and why")                       \
	X(INFORMED, "informed", "follow-up",                                   \
	  "Record that the patient was told, and by whom")                     \
	X(TOGGLE_ID, "toggle-id", "case",                                      \
	  "Show or mask the full identity number")                             \
	X(DECIDE, "decide", "case",                                            \
	  "Open the decision form for this case (resumes its draft)")          \
	X(EDIT, "edit", "form",                                                \
	  "Edit the current field (digits pick an option at once)")            \
	X(NEXT_INCOMPLETE, "next-incomplete", "form",                          \
	  "Go to the next required field that is still empty")                 \
	X(CLEAR_VALUE, "clear", "form", "Clear the current field")             \
	X(SIGN, "sign", "form",                                                \
	  "Sign the decision: read back, then signed as read")                 \
	X(UNDO, "undo", "form", "Undo the last change of a value")             \
	X(RESTORE, "restore", "form",                                          \
	  "Restore the value pre-filled from the case")                        \
	X(TEXT_LANGUAGE, "text-language", "form",                              \
	  "Switch the language of the team's free text: Swedish or English "   \
	  "(the letter marks it)")                                             \
	X(BRIEF, "brief", "case",                                              \
	  "The pre-meeting brief: findings, trials, readiness, level")         \
	X(SUMMARY, "summary", "case",                                          \
	  "Preview the patient summary of the case's latest decision")         \
	X(PRINT, "print", "summary",                                           \
	  "Print the patient summary (asks again when it is hard to read)")    \
	X(LANGUAGE, "language", "summary",                                     \
	  "Switch the summary between the patient's language, sv and en")      \
	X(START_MEETING, "start-meeting", "meeting",                           \
	  "Start the meeting: clocks run for each case opened")                \
	X(FINISH_MEETING, "finish-meeting", "meeting",                         \
	  "Finish the meeting: cases not reached move to the next one")        \
	X(DEFER, "defer", "meeting",                                           \
	  "Defer the case to the board's next meeting (asks why)")             \
	X(NOT_DISCUSSED, "not-discussed", "meeting",                           \
	  "Record the case as listed but not discussed (asks why)")            \
	X(UNDO_MARK, "undo-mark", "meeting",                                   \
	  "Undo the last deferral or not-discussed at this meeting")           \
	X(MINUTES, "minutes", "meeting", "Show the meeting's minutes")         \
	X(ATTENDANCE, "attendance", "meeting",                                 \
	  "Who is present: arrivals and departures in the board's roles")      \
	X(COVER, "cover", "meeting",                                           \
	  "In the attendance: someone arrives covering for the selected core " \
	  "role")                                                              \
	X(LEAVE, "leave", "meeting",                                           \
	  "In the attendance: someone in the selected role leaves")            \
	X(MARK, "mark", "lists",                                               \
	  "Mark or unmark the selected case (to add several at once)")         \
	X(ADD_TO_AGENDA, "add-to-agenda", "lists",                             \
	  "Put the marked cases (or the selected one) on a meeting's agenda")  \
	X(REMOVE_ITEM, "remove", "agenda",                                     \
	  "Take the selected case off the agenda (asks why)")                  \
	X(SET_SLOT, "slot", "agenda",                                          \
	  "Set the selected case's slot and presenter")                        \
	X(TRANSFER, "transfer", "agenda",                                      \
	  "Move the selected case to another meeting's agenda (asks which, "   \
	  "and why)")                                                          \
	X(OVERRIDE, "override", "agenda",                                      \
	  "Right after a refusal an override lets through (an add, a move): "  \
	  "do it anyway, with a reason (recorded)")                            \
	X(SAVE_PDF, "save-pdf", "summary",                                     \
	  "Save the summary or the agenda as an A4 PDF (asks for the file)")   \
	X(PLAN_MEETING, "plan-meeting", "lists",                               \
	  "Plan a meeting (asks date, start, length, board, level, place, "    \
	  "chair)")                                                            \
	X(EDIT_MEETING, "edit-meeting", "lists",                               \
	  "Change the selected planned meeting (the same questions)")          \
	X(CANCEL_MEETING, "cancel-meeting", "lists",                           \
	  "Cancel the selected planned meeting (asks why)")                    \
	X(FOLLOW, "follow", "meeting",                                         \
	  "Follow the meeting: the case the chair has open, read only")

enum action {
	ACTION_NONE,
#define ACTION_ENUM(e, name, group, help) ACTION_##e,
	ACTION_TABLE(ACTION_ENUM)
#undef ACTION_ENUM
	    ACTION__COUNT
};

/* "move-down"; "" for ACTION_NONE. Static strings. */
const char *action_name(enum action a);
const char *action_group(enum action a);
/* The group as the help screen heads it, in the interface language. */
const char *action_group_label(enum action a);
/* The action's name as the status line's hints show it, in the interface
 * language ("open" is "öppna" in Swedish); the name itself otherwise. */
const char *action_hint(enum action a);
/* Whether action_hint has a word of its own for a (every action should). */
bool action_has_hint(enum action a);
/* The help text in the interface language. */
const char *action_help(enum action a);
/* ACTION_NONE when no action has this name. */
enum action action_by_name(const char *name);
/* The action's name as the help shows it and the ':' line takes it, in
 * the interface language: its hint with a hyphen for each space
 * ("flytta-ned" in Swedish); the name itself in English. Written into
 * buf (len bytes); returns buf. */
const char *action_typed_name(enum action a, char *buf, size_t len);
/* The action named so in English or as action_typed_name gives it;
 * ACTION_NONE when none is. */
enum action action_by_typed_name(const char *name);

#endif
