/** The Vietnamese words for statuses, reasons and periods, shared by the CLI and the reports. */
import { vietnameseDay } from "./calendar.ts";
import type { RejectionReason } from "./match.ts";
import type { PeriodCell, Status } from "./obligationStatus.ts";
import type { DeliverableKind } from "./schema.ts";
import type { ObligationKind, PeriodUnit } from "./specs.ts";

export const STATUS_LABEL: Record<Status, string> = {
  met: "Đạt",
  at_risk: "Có nguy cơ không đạt",
  missed: "Không đạt",
  not_yet_due: "Chưa đến hạn",
  no_data: "Chưa có dữ liệu",
};

/** One character per status, for the month table. */
export const STATUS_SYMBOL: Record<Status, string> = {
  met: "✔",
  at_risk: "!",
  missed: "✘",
  not_yet_due: "·",
  no_data: "?",
};

export const REASON_LABEL: Record<RejectionReason, string> = {
  outside_period: "Ngoài kỳ, ngày quy định",
  wrong_theme: "Không đúng chủ đề, chuyên mục",
  wrong_kind: "Không đúng loại sản phẩm",
  too_short: "Chưa đủ độ dài tối thiểu",
  reprint: "Đăng lại bài của cơ quan báo chí khác",
  not_own_site: "Không đăng trên trang của cơ quan báo chí",
  no_province_mention: "Không nhắc đến tỉnh",
};

export const OBLIGATION_KIND_LABEL: Record<ObligationKind, string> = {
  column: "Chuyên mục",
  contract: "Hợp đồng",
  campaign_day: "Ngày, chiến dịch",
  report: "Báo cáo",
};

export const DELIVERABLE_KIND_LABEL: Record<DeliverableKind | "any", string> = {
  article: "Tin, bài",
  column: "Chuyên mục",
  video: "Video, phóng sự",
  infographic: "Đồ họa (infographic)",
  any: "Mọi loại",
};

export const UNIT_LABEL: Record<PeriodUnit, string> = {
  month: "tháng",
  quarter: "quý",
  year: "năm",
  total: "cả hợp đồng",
  window: "ngày",
  due: "hạn",
};

const ROMAN = ["I", "II", "III", "IV"];

/** "Tháng 7/2024", "Quý III/2024", "Ngày 22/03/2024", "Hạn 14/12/2024"… */
export function periodLabel(cell: PeriodCell): string {
  switch (cell.unit) {
    case "month":
      return `Tháng ${Number(cell.from.slice(5, 7))}/${cell.from.slice(0, 4)}`;
    case "quarter":
      return `Quý ${ROMAN[Math.floor((Number(cell.from.slice(5, 7)) - 1) / 3)]}/${cell.from.slice(0, 4)}`;
    case "year":
      return `Năm ${cell.from.slice(0, 4)}`;
    case "window":
      return cell.from === cell.to
        ? `Ngày ${vietnameseDay(cell.from)}`
        : `${vietnameseDay(cell.from)} – ${vietnameseDay(cell.to)}`;
    case "total":
      return `Cả thời hạn (${vietnameseDay(cell.from)} – ${vietnameseDay(cell.to)})`;
    case "due":
      return `Hạn ${vietnameseDay(cell.to)}`;
  }
}
