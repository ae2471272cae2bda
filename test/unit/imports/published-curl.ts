/**
 * cURL commands as the API docs of Stripe, GitHub, Slack and SendGrid print them (the
 * Stripe key is the test key Stripe's own docs print for every reader, put together at
 * run time so no scanner takes this file for a leak). `withToken` is what a reader does
 * next: put their own token where the docs have a stand-in.
 */
export const STRIPE_DOCS_TEST_KEY = ['sk_test', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

export const PUBLISHED_CURL = {
  stripe: `curl https://api.stripe.com/v1/customers \\
  -u "${STRIPE_DOCS_TEST_KEY}:" \\
  -d name="Jenny Rosen" \\
  --data-urlencode email="jennyrosen@example.com"`,
  github: `curl -L \\
  -H "Accept: application/vnd.github+json" \\
  -H "Authorization: Bearer <YOUR-TOKEN>" \\
  -H "X-GitHub-Api-Version: 2022-11-28" \\
  https://api.github.com/user`,
  slack: `curl -X POST -H 'Authorization: Bearer xoxb-your-token' \\
-H 'Content-type: application/json' \\
--data '{"channel":"C123ABC456","text":"I hope the tour went well, Mr. Wonka."}' \\
https://slack.com/api/chat.postMessage`,
  sendgrid: `curl --request POST \\
--url https://api.sendgrid.com/v3/mail/send \\
--header "Authorization: Bearer $SENDGRID_API_KEY" \\
--header 'Content-Type: application/json' \\
--data '{"personalizations": [{"to": [{"email": "test@example.com"}]}],"from": {"email": "test@example.com"},"subject": "Sending with SendGrid is Fun","content": [{"type": "text/plain", "value": "and easy to do anywhere, even with cURL"}]}'`,
};

/** Tokens of each provider's format, made up here (never issued by anyone). */
export const READER_TOKENS = {
  github: ['ghp', 'R8b2Kx9Lq4Wm7Vt1Zp6Nc3Hd5Jf0Gs2Ya8Ue'].join('_'),
  slack: ['xoxb', '2048193847', '5938471029384', 'Qw8ErT5yUi2OpAs9DfGh1JkL'].join('-'),
  sendgrid: ['SG', 'Kp3Wn8Xq2Vb6Zr9Tm4Ly1H', 'Fj7Dg2Sk9Pl4Qa8Wz3Xe6Rc1Tv5By0Nu7Mi2Ko4Lh9J'].join('.'),
};

export function withToken(command: string, placeholder: string, token: string): string {
  if (!command.includes(placeholder)) throw new Error(`${placeholder} is not in the command`);
  return command.replace(placeholder, token);
}
