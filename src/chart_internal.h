/*
 * chart_internal — what the chart's data half (chart.c) and its drawing
 * (chart_draw.c, in the PDF module) share: sizes in points, the table's
 * blocks, a chart's height and a number as the interface writes it.
 */
#ifndef TB_CHART_INTERNAL_H
#define TB_CHART_INTERNAL_H

#include <stddef.h>

#include "chart.h"

/* Sizes in points. */
#define TITLE_SIZE     14.0
#define LABEL_SIZE     11.0
#define ROW_H	       19.0
#define BAR_H	       12.0
#define TITLE_H	       26.0
#define AXIS_H	       44.0
#define LEGEND_H       16.0
#define CHART_GAP      22.0
#define BAR_GREY       0.62 /* light enough for the whisker to show on it */
#define GRID_GREY      0.82
#define TABLE_SIZE     10.5
#define TABLE_ROW_H    15.0
#define TABLE_HEAD_H   40.0  /* up to three lines of a wrapped heading */
#define TABLE_MAX_COLS 4     /* numbers side by side; more go in blocks */
#define COURSE_H       150.0 /* the plot of a course */

/* How many blocks a table's number columns are drawn in, and how many
 * columns each holds (the first column repeats in every block). */
size_t chart_table_blocks(const struct chart *c, size_t *per);
/* The height in points that chart c takes on a page. */
double chart_height(const struct chart *c);
/* A number on a chart, as the interface writes it (2,5 in Swedish). */
void chart_shown_number(char *buf, size_t n, double v);

#endif
