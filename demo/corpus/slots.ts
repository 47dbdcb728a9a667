/**
 * The slot values of the demo's text ({huyen}, {xa}, {nguoi}…) and the sentences any article may
 * close with. Place names are the province's own (as of 2024); people are invented.
 */
import type { Random } from "../random.ts";

const DISTRICTS = [
  "huyện Đăk Hà",
  "huyện Đăk Tô",
  "huyện Ngọc Hồi",
  "huyện Đăk Glei",
  "huyện Kon Plông",
  "huyện Kon Rẫy",
  "huyện Sa Thầy",
  "huyện Tu Mơ Rông",
  "huyện Ia H'Drai",
  "thành phố Kon Tum",
];

const COMMUNES = [
  "xã Đăk Long",
  "xã Măng Cành",
  "xã Đăk Rơ Nga",
  "xã Ngọc Lây",
  "xã Đăk Ui",
  "xã Sa Nhơn",
  "xã Hiếu",
  "xã Đăk Tờ Re",
  "xã Pờ Y",
  "xã Đăk Nên",
  "xã Tê Xăng",
  "xã Ia Chim",
  "xã Đăk Blà",
  "xã Mô Rai",
];

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Y", "A", "Hoàng", "Võ", "Đinh", "Rơ Chăm"];
const GIVEN = [
  "Văn Hùng",
  "Thị Hoa",
  "Minh Tuấn",
  "Hlin",
  "Thuận",
  "Quốc Bảo",
  "Thị Nhung",
  "Đức Long",
  "Blang",
  "Ngọc Ánh",
];

const TITLES = [
  "Chủ tịch UBND huyện",
  "Phó Chủ tịch UBND huyện",
  "Phó Giám đốc Sở",
  "Trưởng phòng Nông nghiệp và Phát triển nông thôn huyện",
  "Chủ tịch UBND xã",
  "Trưởng phòng Văn hóa và Thông tin huyện",
];

export const AUTHORS = [
  "Thu Hằng",
  "Quang Minh",
  "Ngọc Anh",
  "Minh Châu",
  "Văn Tài",
  "Hồng Nhung",
  "Đức Thắng",
  "Y Ngân",
  "Thanh Tùng",
  "Lệ Thủy",
];

/** Closing sentences any article may carry: what the province plans next, who attended. */
export const GENERIC_SENTENCES = [
  "Thời gian tới, địa phương tiếp tục tăng cường công tác tuyên truyền để người dân hiểu và đồng thuận.",
  "Tham dự buổi làm việc có đại diện lãnh đạo các sở, ban, ngành của tỉnh và {huyen}.",
  "Lãnh đạo tỉnh đề nghị các đơn vị liên quan phối hợp chặt chẽ, kịp thời tháo gỡ vướng mắc phát sinh.",
  "Kết quả này góp phần quan trọng vào việc hoàn thành các chỉ tiêu kinh tế - xã hội năm 2024 của tỉnh.",
  "Dịp này, {so} tập thể, cá nhân được tặng giấy khen vì có thành tích tiêu biểu.",
  "Theo kế hoạch, việc sơ kết sẽ được tổ chức vào cuối quý III để rút kinh nghiệm.",
  "Bà {nguoi}, một người dân ở {xa}, cho biết bà con rất phấn khởi khi được chính quyền quan tâm.",
  "Ông {nguoi} nhấn mạnh cần phát huy vai trò của cấp ủy, chính quyền cơ sở trong tổ chức thực hiện.",
  "Những kết quả bước đầu là cơ sở để địa phương tiếp tục triển khai trong những tháng cuối năm.",
  "Trong tháng 6, đoàn công tác của tỉnh đã làm việc tại {so} xã để nắm tình hình thực tế.",
  "Các khó khăn, vướng mắc được tổng hợp, báo cáo UBND tỉnh xem xét, chỉ đạo.",
  "Buổi làm việc diễn ra trong không khí cởi mở, thẳng thắn.",
];

export function fillSlots(template: string, random: Random): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case "huyen":
        return random.pick(DISTRICTS);
      case "xa":
        return random.pick(COMMUNES);
      case "nguoi":
        return `${random.pick(FAMILY)} ${random.pick(GIVEN)}`;
      case "chucvu":
        return random.pick(TITLES);
      case "so":
        return String(random.int(3, 48));
      case "so2":
        return random.int(12, 980).toLocaleString("de-DE");
      case "pt":
        return `${random.int(51, 97)},${random.int(1, 9)}`;
      default:
        return slot;
    }
  });
}

/** "Kon Tum: Măng Đen đón…" → "kon-tum-mang-den-don": the path segment of an article's address. */
export function slugify(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80)
    .replace(/-$/, "");
}
