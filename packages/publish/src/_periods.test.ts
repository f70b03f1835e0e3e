import { describe, expect, it } from "vitest";
import { dateDatatype } from "./_periods.js";

describe("dateDatatype", () => {
  it("types manifest dates for XML Schema", () => {
    expect(dateDatatype("2023-04")).toBe("gYearMonth");
    expect(dateDatatype("2023-04-05")).toBe("date");
    expect(dateDatatype("2023")).toBe("gYear");
  });
});
