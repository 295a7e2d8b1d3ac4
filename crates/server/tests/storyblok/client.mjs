// Storyblok's own JavaScript client (storyblok-js-client, from npm) reading our API as it reads
// Storyblok's Management API: the token given bare as `oauthToken`, the base as `endpoint`.
// Usage: node client.mjs BASE_URL TOKEN OWNER_ID. Prints what it read as one JSON line.
import StoryblokClient from "storyblok-js-client";

const [base, token, ownerId] = process.argv.slice(2);
const client = new StoryblokClient({ oauthToken: token, endpoint: `${base}/api/v1` });

const org = await client.get("orgs/me");
const filtered = await client.get("orgs/me/activities", {
  types: "OrgUser",
  by_owner_ids: ownerId,
  created_at_gte: new Date(Date.now() - 86400000).toISOString().slice(0, 10),
});
const everything = await client.getAll("orgs/me/activities", { per_page: 2 }, "activities");

console.log(
  JSON.stringify({
    org: org.data.org.name,
    users: org.data.org.users.length,
    filtered: filtered.data.activities.map((a) => ({ key: a.key, owner_id: a.owner_id, type: a.trackable_type })),
    total: filtered.total,
    all: everything.length,
  }),
);
