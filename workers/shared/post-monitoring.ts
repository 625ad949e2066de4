// The names by which workers find a winner's award-post-monitoring instance (Art. 23, 25).

export const POST_MONITORING_PROCESS = 'award-post-monitoring';

/** award-post-monitoring renames its instance `post-award/<holderKey>/<year>` at its start event. */
export const postAwardBusinessKey = (holderKey: string, year: string) => `post-award/${holderKey}/${year}`;
