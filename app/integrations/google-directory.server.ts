// Google Workspace Admin SDK Directory API client: the workspace's users (names, pictures,
// titles). GET {base}/admin/directory/v1/users?customer=my_customer&maxResults=500&pageToken=…
// with a bearer token; pages until there is no nextPageToken.
import { z } from "zod";
import { getJson, IntegrationError, joinUrl, type RequestOptions } from "./json-http.server";

// The Directory API answers on www.googleapis.com too, the base the other Google clients share.
export const GOOGLE_DEFAULT_URL = "https://www.googleapis.com";
const MAX_PAGES = 100;

export interface GoogleDirectoryConfig extends RequestOptions {
  baseUrl: string;
  token: string;
}

export interface DirectoryUser {
  email: string;
  name: string;
  picture: string | null;
  title: string | null;
  suspended: boolean;
}

const userSchema = z.object({
  primaryEmail: z.string().min(3),
  name: z
    .object({ fullName: z.string().nullish(), givenName: z.string().nullish(), familyName: z.string().nullish() })
    .passthrough()
    .nullish(),
  thumbnailPhotoUrl: z.string().nullish(),
  organizations: z.array(z.object({ title: z.string().nullish(), primary: z.boolean().nullish() }).passthrough()).nullish(),
  suspended: z.boolean().nullish(),
  archived: z.boolean().nullish(),
});

const pageSchema = z.object({
  users: z.array(userSchema).nullish(),
  nextPageToken: z.string().nullish(),
});

export async function fetchDirectoryUsers(config: GoogleDirectoryConfig): Promise<DirectoryUser[]> {
  const headers = { Authorization: `Bearer ${config.token}`, Accept: "application/json" };
  const users: DirectoryUser[] = [];
  let pageToken: string | null | undefined = undefined;
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new IntegrationError("Google", `Google returned more than ${MAX_PAGES} pages`);
    const query = new URLSearchParams({ customer: "my_customer", maxResults: "500" });
    if (pageToken) query.set("pageToken", pageToken);
    const body = await getJson("Google", joinUrl(config.baseUrl, `admin/directory/v1/users?${query}`), headers, config);
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw new IntegrationError("Google", `Google directory page ${page} did not have the expected shape`);
    for (const u of parsed.data.users ?? []) {
      const given = u.name?.givenName?.trim() ?? "";
      const family = u.name?.familyName?.trim() ?? "";
      const organisation = u.organizations?.find((o) => o.primary) ?? u.organizations?.[0];
      users.push({
        email: u.primaryEmail.trim().toLowerCase(),
        name: u.name?.fullName?.trim() || `${given} ${family}`.trim() || u.primaryEmail,
        picture: u.thumbnailPhotoUrl?.trim() || null,
        title: organisation?.title?.trim() || null,
        suspended: Boolean(u.suspended || u.archived),
      });
    }
    pageToken = parsed.data.nextPageToken;
    if (!pageToken) break;
  }
  return users;
}
