/**
 * The outlets of the simulated press web: ten of the plan's outlets (by their plan ids, so coverage
 * and obligations count them as the real ones), each with its share of the month's stream, the
 * themes it favours and the shape of its article addresses.
 */

export interface DemoOutlet {
  /** The plan's outlet id. */
  id: string;
  name: string;
  /** File name of its sources file and first segment of its source ids. */
  slug: string;
  /** Relative weight in the month's stream. */
  weight: number;
  /** Theme ids it covers, the first ones more often. */
  themes: string[];
  /** The address of an article on this outlet. */
  path: (slug: string, id: number) => string;
}

const ALL = ["government", "people", "tourism", "environment", "agriculture", "economy", "national_programs"];

export const DEMO_OUTLETS: DemoOutlet[] = [
  {
    id: "bao_kon_tum",
    name: "Báo Kon Tum",
    slug: "bao-kon-tum",
    weight: 5,
    themes: ALL,
    path: (slug, id) => `/thoi-su/${slug}-${id}.html`,
  },
  {
    id: "krt",
    name: "Đài Phát thanh và Truyền hình tỉnh Kon Tum",
    slug: "krt",
    weight: 4,
    // No agriculture or forestry piece at all: the forestry column it skips cannot be made up by
    // another article on the theme (the evaluation counts those too), so June shows it missed.
    themes: ALL.filter((theme) => theme !== "agriculture"),
    path: (slug, id) => `/tin-tuc/${id}/${slug}.html`,
  },
  {
    id: "cong_ttdt_tinh",
    name: "Cổng Thông tin điện tử tỉnh Kon Tum",
    slug: "cong-ttdt-kon-tum",
    weight: 3,
    themes: ["government", "economy", "national_programs", ...ALL],
    path: (slug, id) => `/tin-tuc/${slug}-${id}`,
  },
  {
    id: "ttxvn",
    name: "VietnamPlus (Thông tấn xã Việt Nam)",
    slug: "vietnamplus",
    weight: 2,
    themes: ALL,
    path: (slug, id) => `/${slug}-post${id}.vnp`,
  },
  {
    id: "vov",
    name: "VOV Tây Nguyên",
    slug: "vov",
    weight: 2,
    themes: ALL,
    path: (slug, id) => `/xa-hoi/${slug}-post${id}.vov`,
  },
  {
    id: "nhan_dan",
    name: "Báo Nhân Dân",
    slug: "nhan-dan",
    weight: 1.5,
    themes: ALL,
    path: (slug, id) => `/${slug}-post${id}.html`,
  },
  {
    id: "dai_bieu_nhan_dan",
    name: "Báo Đại biểu Nhân dân",
    slug: "dai-bieu-nhan-dan",
    weight: 1.5,
    themes: ["government", "national_programs", ...ALL],
    path: (slug, id) => `/${slug}-${id}.html`,
  },
  {
    id: "vietnamnet",
    name: "Báo VietNamNet",
    slug: "vietnamnet",
    weight: 1.5,
    themes: ALL,
    path: (slug, id) => `/${slug}-${id}.html`,
  },
  {
    id: "dien_dan_doanh_nghiep",
    name: "Tạp chí Diễn đàn Doanh nghiệp",
    slug: "dien-dan-doanh-nghiep",
    weight: 1,
    themes: ["economy", "economy", "agriculture", "tourism"],
    path: (slug, id) => `/${slug}-${id}.html`,
  },
  {
    id: "sggp",
    name: "Báo Sài Gòn Giải phóng",
    slug: "sggp",
    weight: 1,
    themes: ["economy", "economy", "tourism", "agriculture"],
    path: (slug, id) => `/${slug}-post${id}.html`,
  },
];

export function demoOutlet(id: string): DemoOutlet {
  const outlet = DEMO_OUTLETS.find((o) => o.id === id);
  if (!outlet) throw new Error(`no demo outlet ${id}`);
  return outlet;
}
