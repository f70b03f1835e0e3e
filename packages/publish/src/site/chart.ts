import { Decimal, type IndicatorDef, type Observation, periodBounds } from "@langson-open-data/schemas";
import { groupDecimal, periodLabel, printedUnit, printedVi } from "./format.js";
import { type SafeHtml, html, t } from "./html.js";

/** Measures drawn per indicator: the level, and the share of the annual plan. */
export const CHARTED_MEASURES = ["LEVEL", "PCT_OF_PLAN"] as const;

const WIDTH = 400;
const num = (d: Decimal) => d.toNumber();
const round = (x: number) => Math.round(x * 10) / 10;

/** A tick step of 1, 2, 2.5 or 5 × 10^k giving about `count` intervals up to `max`. */
function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw)!;
  return step;
}

/** Decimal places a tick label needs so that its step shows: step 2.5 → 1, step 20 → 0. */
function stepDecimals(step: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 6;
}

const byStart = (a: Observation, b: Observation) => periodBounds(a.time_period).start.localeCompare(periodBounds(b.time_period).start) || a.time_period.localeCompare(b.time_period);

function tickLabel(value: number, decimals: number) {
  const plain = value.toFixed(decimals);
  return { vi: groupDecimal(plain, "vi"), en: groupDecimal(plain, "en") };
}

/** Vertical bars, one per period, in the unit the source printed (so the axis reads "triệu USD"). */
function levelPanel(figures: readonly Observation[]): SafeHtml {
  const mult = Math.max(...figures.map((o) => o.unit_mult));
  const values = figures.map((o) => num(Decimal.parse(o.value).shift(-mult)));
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const step = niceStep(hi - lo || 1);
  const top = Math.ceil(hi / step) * step || step;
  const bottom = Math.floor(lo / step) * step;
  const decimals = stepDecimals(step);
  const height = 220;
  const m = { left: 64, right: 12, top: 26, bottom: 40 };
  const plotH = height - m.top - m.bottom;
  const plotW = WIDTH - m.left - m.right;
  const y = (v: number) => round(m.top + ((top - v) / (top - bottom)) * plotH);
  const band = plotW / figures.length;
  const barW = round(Math.min(56, band * 0.6));
  const unit = printedUnit(figures[0]!);
  const ticks: number[] = [];
  for (let v = bottom; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return html`<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-hidden="true" focusable="false">
  <text class="axis-unit vi" x="${m.left}" y="14">${unit.vi}</text><text class="axis-unit en" x="${m.left}" y="14">${unit.en}</text>
  ${ticks.map((v) => {
    const label = tickLabel(v, decimals);
    return html`<line class="grid${v === 0 ? " zero" : ""}" x1="${m.left}" x2="${WIDTH - m.right}" y1="${y(v)}" y2="${y(v)}"></line><text class="tick vi" x="${m.left - 8}" y="${y(v) + 4}" text-anchor="end">${label.vi}</text><text class="tick en" x="${m.left - 8}" y="${y(v) + 4}" text-anchor="end">${label.en}</text>`;
  })}
  ${figures.map((o, i) => {
    const v = values[i]!;
    const cx = m.left + band * i + band / 2;
    const y0 = y(Math.max(0, v));
    const h = Math.max(1, round(Math.abs(y(v) - y(0))));
    const period = periodLabel(o.time_period);
    const printed = printedVi(o);
    const labelY = v >= 0 ? y0 - 6 : y0 + h + 14;
    return html`<rect class="mark mark-level" data-measure="LEVEL" data-period="${o.time_period}" data-value="${o.value}" x="${round(cx - barW / 2)}" y="${y0}" width="${barW}" height="${h}" rx="2"><title>${period.vi} · ${period.en}: ${printed}</title></rect>
  <text class="value" x="${round(cx)}" y="${labelY}" text-anchor="middle">${printed}</text>
  <text class="period vi" x="${round(cx)}" y="${height - 18}" text-anchor="middle">${period.vi}</text><text class="period en" x="${round(cx)}" y="${height - 18}" text-anchor="middle">${period.en}</text>`;
  })}
</svg>`;
}

/** Horizontal bars, one per period, against a marked annual plan at 100 %. */
function planPanel(figures: readonly Observation[]): SafeHtml {
  const values = figures.map((o) => num(Decimal.parse(o.value)));
  const max = Math.max(100, ...values);
  const step = niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const m = { left: 112, right: 20, top: 26, bottom: 28 };
  const row = 30;
  const height = m.top + figures.length * row + m.bottom;
  const plotW = WIDTH - m.left - m.right;
  const x = (v: number) => round(m.left + (Math.max(0, v) / top) * plotW);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  const decimals = stepDecimals(step);
  return html`<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-hidden="true" focusable="false">
  ${ticks.map((v) => {
    const label = tickLabel(v, decimals);
    return html`<line class="grid" x1="${x(v)}" x2="${x(v)}" y1="${m.top - 4}" y2="${height - m.bottom}"></line><text class="tick vi" x="${x(v)}" y="${height - m.bottom + 16}" text-anchor="middle">${label.vi}%</text><text class="tick en" x="${x(v)}" y="${height - m.bottom + 16}" text-anchor="middle">${label.en}%</text>`;
  })}
  <line class="plan-line" x1="${x(100)}" x2="${x(100)}" y1="${m.top - 8}" y2="${height - m.bottom}"></line>
  <text class="plan-label vi" x="${x(100)}" y="${m.top - 12}" text-anchor="end">Kế hoạch năm</text><text class="plan-label en" x="${x(100)}" y="${m.top - 12}" text-anchor="end">Annual plan</text>
  ${figures.map((o, i) => {
    const v = values[i]!;
    const yTop = m.top + i * row + 6;
    const w = Math.max(1, round(x(v) - m.left));
    const period = periodLabel(o.time_period);
    const printed = printedVi(o);
    const inside = m.left + w + 6 + printed.length * 7 > WIDTH;
    const label = inside
      ? html`<text class="value inside" x="${round(m.left + w - 6)}" y="${yTop + 13}" text-anchor="end">${printed}</text>`
      : html`<text class="value" x="${round(m.left + w + 6)}" y="${yTop + 13}">${printed}</text>`;
    return html`<text class="period vi" x="${m.left - 10}" y="${yTop + 13}" text-anchor="end">${period.vi}</text><text class="period en" x="${m.left - 10}" y="${yTop + 13}" text-anchor="end">${period.en}</text>
  <rect class="mark mark-plan" data-measure="PCT_OF_PLAN" data-period="${o.time_period}" data-value="${o.value}" x="${m.left}" y="${yTop}" width="${w}" height="18" rx="2"><title>${period.vi} · ${period.en}: ${printed}</title></rect>
  ${label}`;
  })}
</svg>`;
}

/**
 * The chart of one indicator: its levels by period, and its % of the annual plan by period, one mark
 * (an SVG rect with class "mark") per published figure. Null when the indicator has neither measure.
 * The figures are in the table beside it, so the drawing itself is hidden from screen readers.
 */
export function indicatorChart(indicator: IndicatorDef, observations: readonly Observation[]): SafeHtml | null {
  const mine = observations.filter((o) => o.indicator === indicator.code);
  const levels = mine.filter((o) => o.measure === "LEVEL").sort(byStart);
  const plans = mine.filter((o) => o.measure === "PCT_OF_PLAN").sort(byStart);
  if (levels.length === 0 && plans.length === 0) return null;
  return html`<figure class="chart" data-indicator="${indicator.code}" data-marks="${levels.length + plans.length}">
  ${levels.length ? html`<div class="panel"><p class="panel-title">${t("Giá trị", "Level")}</p>${levelPanel(levels)}</div>` : null}
  ${plans.length ? html`<div class="panel"><p class="panel-title">${t("% kế hoạch năm", "% of annual plan")}</p>${planPanel(plans)}</div>` : null}
  <figcaption>${t("Mỗi cột là một số liệu đã công bố; chi tiết trong bảng.", "Each bar is one published figure; details in the table.")}</figcaption>
</figure>`;
}
