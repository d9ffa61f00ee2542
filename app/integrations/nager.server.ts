// Nager.Date public holidays (base URL from NAGER_API_URL, default https://date.nager.at):
//   GET {base}/api/v3/PublicHolidays/{year}/AU → [{date, localName, name, countryCode, fixed, global, counties, launchYear, types}]
// `counties` is null for national holidays, else subdivision codes such as ["AU-VIC"].
import { z } from "zod";
import type { Env } from "~/platform/env.server";
import type { RequestOptions } from "./json-http.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";

export const NAGER_DEFAULT_URL = "https://date.nager.at";

export interface NagerHoliday {
  date: string;
  localName: string;
  name: string;
  countryCode: string;
  global: boolean;
  counties: string[] | null;
}

const holidaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  localName: z.string(),
  name: z.string(),
  countryCode: z.string(),
  global: z.boolean().nullish(),
  counties: z.array(z.string()).nullish(),
}).passthrough();

export async function fetchPublicHolidays(env: Pick<Env, "NAGER_API_URL">, year: number, country = "AU", options: RequestOptions = {}): Promise<NagerHoliday[]> {
  const { body } = await requestJson("Nager.Date", joinUrl(env.NAGER_API_URL || NAGER_DEFAULT_URL, `api/v3/PublicHolidays/${year}/${country}`), {}, options);
  const parsed = z.array(holidaySchema).safeParse(body);
  if (!parsed.success) throw new IntegrationError("Nager.Date", "Nager.Date answered with an unexpected shape");
  return parsed.data.map((h) => ({
    date: h.date, localName: h.localName, name: h.name, countryCode: h.countryCode,
    global: h.global ?? !h.counties, counties: h.counties && h.counties.length ? h.counties : null,
  }));
}
