/** XML Schema datatype of a date as the manifests record it: "2023-04" is a gYearMonth, "2023-04-05" a date. */
export function dateDatatype(date: string): "date" | "gYearMonth" | "gYear" {
  return /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date) ? "date" : /^[0-9]{4}-[0-9]{2}$/.test(date) ? "gYearMonth" : "gYear";
}
