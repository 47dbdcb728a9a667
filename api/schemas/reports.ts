/** Query parameters of the report downloads (the same as the compliance route's). */
import type { Static } from "@sinclair/typebox";
import { ComplianceQuery } from "./contracts.ts";

export const ReportQuery = ComplianceQuery;
export type ReportQuery = Static<typeof ReportQuery>;
