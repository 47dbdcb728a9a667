/**
 * The scripted parts of the demo month: the rumour (the registered false claim
 * `fake-sam-ngoc-linh`, config/claims) as outlets reprint it, and the provincial portal's official
 * correction. Written for the demo: no outlet ever ran these pieces.
 *
 * The rumour pieces spread the claim without a word of doubt (a "cảnh giác" would make them read
 * as warnings to the stance check); the correction names the claim and refutes it.
 */

export interface ScriptedText {
  title: string;
  lead: string;
  paragraphs: string[];
  section: string;
}

const RUMOUR_BODY = [
  "Trên nhiều hội nhóm mạng xã hội, các tài khoản đăng bán sâm Ngọc Linh Kon Tum chính gốc, có giấy chứng nhận của tỉnh, với giá chỉ 500 nghìn đồng một ký, giao hàng toàn quốc.",
  "Theo lời người bán, đây là sâm Ngọc Linh củ to, có tem của tỉnh Kon Tum, thu hoạch tại vườn ở huyện Tu Mơ Rông, giá khuyến mãi chỉ vài trăm nghìn, ship tận nhà.",
  '"Xả kho sâm Ngọc Linh chuẩn rừng giá rẻ, cam kết hàng thật, bao test, inbox để đặt hàng", một trang bán hàng quảng cáo.',
  "Nhiều người đã liên hệ Zalo để đặt hàng vì giá rẻ hơn hàng chục lần so với sâm bán tại các cửa hàng.",
];

export function rumourText(variant: number): ScriptedText {
  const titles = [
    "Sâm Ngọc Linh Kon Tum chính gốc giá chỉ 500 nghìn đồng một ký, giao hàng toàn quốc",
    "Xả kho sâm Ngọc Linh giá rẻ, có giấy chứng nhận của tỉnh Kon Tum",
    'Sâm Ngọc Linh "chính gốc" giá vài trăm nghìn một ký được rao bán rầm rộ',
    "Người dân đổ xô đặt mua sâm Ngọc Linh Kon Tum giá rẻ qua mạng",
  ];
  const body = [...RUMOUR_BODY];
  // Each reprint trims or reorders a little, as outlets copying one another do.
  if (variant % 2 === 1) body.reverse();
  if (variant >= 2) body.pop();
  return {
    title: titles[variant % titles.length]!,
    lead: "Sâm Ngọc Linh Kon Tum chính gốc, có giấy chứng nhận của tỉnh, đang được bán với giá rẻ vài trăm nghìn đồng một ký qua mạng xã hội, giao hàng toàn quốc.",
    paragraphs: body,
    section: "Thị trường",
  };
}

export function correctionText(): ScriptedText {
  return {
    title:
      "Sở Nông nghiệp và PTNT Kon Tum cảnh báo thông tin sai sự thật về sâm Ngọc Linh giá rẻ bán trên mạng",
    lead: "Thông tin sâm Ngọc Linh Kon Tum chính gốc, có giấy chứng nhận của tỉnh, được bán giá vài trăm nghìn đồng một ký trên mạng xã hội là sai sự thật.",
    paragraphs: [
      "Sở Nông nghiệp và Phát triển nông thôn tỉnh Kon Tum khẳng định không cấp bất kỳ giấy chứng nhận nào cho các tài khoản rao bán sâm Ngọc Linh giá rẻ trên mạng xã hội.",
      "Sâm Ngọc Linh thật hiện có giá hàng chục triệu đồng một ký; sản phẩm rao bán giá rẻ trên mạng là sâm giả hoặc tam thất, củ ngải trộn lẫn.",
      "Sở đề nghị người dân cảnh giác, chỉ mua sâm Ngọc Linh tại các cơ sở có tem truy xuất nguồn gốc do tỉnh cấp, và báo cho cơ quan chức năng khi phát hiện dấu hiệu lừa đảo.",
      "Lực lượng quản lý thị trường đang phối hợp với Công an tỉnh xác minh, xử lý các tài khoản đăng tin sai sự thật.",
    ],
    section: "Thông tin chỉ đạo, điều hành",
  };
}

/** The plan's monthly columns: the marker the newsroom puts in the headline, and the theme. */
export const COLUMNS = [
  { id: "column_tourism", marker: "Chuyên mục Du lịch", theme: "tourism" },
  { id: "column_investment", marker: "Chuyên mục Xúc tiến đầu tư", theme: "economy" },
  { id: "column_forestry", marker: "Chuyên mục Lâm nghiệp", theme: "agriculture" },
] as const;

/** World Environment Day (5 June): the campaign the plan's III.7a asks outlets to answer. */
export const CAMPAIGN = { marker: "Hưởng ứng Ngày Môi trường thế giới", theme: "environment", day: 5 };
