package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// maxDiffRows bounds each list of rows in a report.
const maxDiffRows = 10

// compareResult compares a result set with the expected one: columns
// first (names ignoring case, in order), then rows, ordered or as a
// multiset. A failure says which rows are missing, which are extra and the
// first row that differs.
func compareResult(sr *StepResult, q *SQLStep, want, got *resultSet) error {
	if !sameColumns(want.Columns, got.Columns) {
		sr.Diagnosis = columnsDiagnosis(want.Columns, got.Columns)
		return failf(sr, "columns "+strings.Join(want.Columns, ", "), "columns "+strings.Join(got.Columns, ", "), "%s returns the wrong columns", q.File)
	}
	if got.More {
		sr.Diagnosis = "a missing join condition or WHERE clause multiplies the rows"
		return failf(sr, rowCount(len(want.Rows)), fmt.Sprintf("more than %d rows", maxSQLRows), "%s returns too many rows", q.File)
	}
	missing, extra := rowDiff(want.Rows, got.Rows)
	first := -1
	if q.Expect.Ordered {
		first = firstDifference(want.Rows, got.Rows)
	}
	if len(missing) == 0 && len(extra) == 0 && first < 0 {
		return nil
	}
	var out strings.Builder
	listRows(&out, "missing (expected, not returned)", missing)
	listRows(&out, "extra (returned, not expected)", extra)
	if first >= 0 {
		fmt.Fprintf(&out, "first difference: row %d: expected %s, got %s\n", first+1, rowAt(want.Rows, first), rowAt(got.Rows, first))
	}
	listRows(&out, fmt.Sprintf("%s returned (columns %s)", q.File, strings.Join(got.Columns, ", ")), got.Rows)
	sr.Output = strings.TrimRight(out.String(), "\n")
	expected := rowCount(len(want.Rows))
	if q.Expect.Ordered {
		expected += " in this order"
	}
	if len(missing) == 0 && len(extra) == 0 {
		sr.Diagnosis = "the rows are right but their order is not: sort them with ORDER BY (ties need a second sort key)"
		return failf(sr, expected, rowCount(len(got.Rows))+" in another order", "%s returns the rows in the wrong order", q.File)
	}
	sr.Diagnosis = rowsDiagnosis(len(want.Rows), len(got.Rows), len(missing), len(extra))
	return failf(sr, expected, fmt.Sprintf("%s: %d missing, %d extra", rowCount(len(got.Rows)), len(missing), len(extra)), "%s returns the wrong rows", q.File)
}

func sameColumns(want, got []string) bool {
	return slices.EqualFunc(want, got, strings.EqualFold)
}

func columnsDiagnosis(want, got []string) string {
	lower := func(cs []string) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = strings.ToLower(c)
		}
		slices.Sort(out)
		return out
	}
	switch {
	case slices.Equal(lower(want), lower(got)):
		return "the right columns in the wrong order: list them in the SELECT in the order expected"
	case len(want) != len(got):
		return fmt.Sprintf("select exactly %d columns; name a computed one with AS, as in COUNT(*) AS %s", len(want), want[len(want)-1])
	}
	return "name every column as expected: a computed column gets its name with AS, as in COUNT(*) AS " + want[len(want)-1]
}

func rowsDiagnosis(want, got, missing, extra int) string {
	switch {
	case got == 0:
		return "no rows at all: is a WHERE condition or an inner join too strict?"
	case got > want && missing == 0:
		return "every expected row is there, with others: a WHERE condition is missing, or a join repeats rows (DISTINCT, or GROUP BY?)"
	case got < want && extra == 0:
		return "some expected rows are missing: a LEFT JOIN keeps rows that have no match; is a condition too strict?"
	case missing == extra:
		return "as many rows as expected, but some values differ: compare the missing and extra rows below"
	}
	return ""
}

// rowDiff lists the expected rows not returned and the returned rows not
// expected, counting duplicates.
func rowDiff(want, got [][]any) (missing, extra [][]any) {
	left := map[string]int{}
	for _, r := range got {
		left[rowKey(r)]++
	}
	for _, r := range want {
		k := rowKey(r)
		if left[k] > 0 {
			left[k]--
			continue
		}
		missing = append(missing, r)
	}
	for _, r := range got {
		k := rowKey(r)
		if left[k] > 0 {
			left[k]--
			extra = append(extra, r)
		}
	}
	return missing, extra
}

func firstDifference(want, got [][]any) int {
	for i := range max(len(want), len(got)) {
		if i >= len(want) || i >= len(got) || rowKey(want[i]) != rowKey(got[i]) {
			return i
		}
	}
	return -1
}

// rowKey is a row's identity for comparison: numbers equal to 9
// significant digits (AVG and division differ in their last bits between
// databases), a boolean as 1 or 0 (SQLite has no booleans), text exactly.
func rowKey(row []any) string {
	var b strings.Builder
	for _, v := range row {
		switch x := v.(type) {
		case nil:
			b.WriteString("n")
		case bool:
			if x {
				b.WriteString("f1")
			} else {
				b.WriteString("f0")
			}
		case float64:
			b.WriteString("f" + strconv.FormatFloat(x, 'g', 9, 64))
		case string:
			b.WriteString("s" + strconv.Quote(x))
		default:
			fmt.Fprintf(&b, "?%v", x)
		}
		b.WriteByte(0)
	}
	return b.String()
}

func rowText(row []any) string {
	parts := make([]string, len(row))
	for i, v := range row {
		switch x := v.(type) {
		case string:
			parts[i] = strconv.Quote(x)
		case nil:
			parts[i] = "null"
		case float64:
			parts[i] = jsonNumber(x)
		default:
			parts[i] = fmt.Sprint(x)
		}
	}
	s := "[" + strings.Join(parts, ", ") + "]"
	if len(s) > 200 {
		s = s[:197] + "…"
	}
	return s
}

func rowAt(rows [][]any, i int) string {
	if i >= len(rows) {
		return "no row"
	}
	return rowText(rows[i])
}

func rowCount(n int) string {
	if n == 1 {
		return "1 row"
	}
	return strconv.Itoa(n) + " rows"
}

func listRows(b *strings.Builder, title string, rows [][]any) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "%s: %d\n", title, len(rows))
	for i, r := range rows {
		if i == maxDiffRows {
			fmt.Fprintf(b, "  … and %d more\n", len(rows)-maxDiffRows)
			break
		}
		fmt.Fprintf(b, "  %s\n", rowText(r))
	}
}
