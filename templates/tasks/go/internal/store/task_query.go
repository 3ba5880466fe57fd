package store

import "strings"

// priorityRank orders priorities low < medium < high; the column holds
// words, whose alphabetical order would be wrong.
const priorityRank = `CASE t.priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`

// sortColumns maps each sort key to the SQL it orders by. Only these
// constant strings ever reach the ORDER BY clause.
var sortColumns = map[string]string{
	"created_at": "t.created_at",
	"due_date":   "t.due_date",
	"priority":   priorityRank,
	"title":      "LOWER(t.title)",
}

// ValidSort reports whether sort is a sort key, optionally prefixed with
// "-" for descending.
func ValidSort(sort string) bool {
	_, ok := sortColumns[strings.TrimPrefix(sort, "-")]
	return ok
}

// narrow adds q's filters to the WHERE condition where and its arguments.
func (q TaskQuery) narrow(where string, args []any) (string, []any) {
	conds := []string{where}
	if q.Status != "" {
		conds = append(conds, "t.status = ?")
		args = append(args, q.Status)
	}
	if q.Priority != "" {
		conds = append(conds, "t.priority = ?")
		args = append(args, q.Priority)
	}
	if q.Label != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM task_labels l WHERE l.task_id = t.id AND l.label = ?)")
		args = append(args, q.Label)
	}
	// A NULL due date compares as unknown, so tasks without one never match.
	if q.DueBefore != "" {
		conds = append(conds, "t.due_date < ?")
		args = append(args, q.DueBefore)
	}
	if q.DueAfter != "" {
		conds = append(conds, "t.due_date > ?")
		args = append(args, q.DueAfter)
	}
	if q.Search != "" {
		conds = append(conds, `(LOWER(t.title) LIKE ? ESCAPE '\' OR LOWER(t.description) LIKE ? ESCAPE '\')`)
		pattern := "%" + escapeLike(strings.ToLower(q.Search)) + "%"
		args = append(args, pattern, pattern)
	}
	return strings.Join(conds, " AND "), args
}

// orderBy returns the ORDER BY list for q.Sort; the default is newest
// first. The id breaks ties so that pages never overlap or skip a task.
func (q TaskQuery) orderBy() string {
	key, desc := strings.TrimPrefix(q.Sort, "-"), strings.HasPrefix(q.Sort, "-")
	column, ok := sortColumns[key]
	if !ok {
		column, desc = sortColumns["created_at"], true
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	order := column + dir + ", t.id" + dir
	if key == "due_date" {
		// Tasks without a due date come last in both directions.
		order = "(t.due_date IS NULL) ASC, " + order
	}
	return order
}

// escapeLike makes s match itself literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
