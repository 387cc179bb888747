// The mailer keeps a few SMTP connections open for a season's waves of mail, unless told not to.
import { smtpTransportUrl } from '../../mail/mailer';

describe('the SMTP transport', () => {
  test('pools connections by default', () => {
    expect(new URL(smtpTransportUrl('smtp://127.0.0.1:2525')).searchParams.get('pool')).toBe('true');
  });

  test('keeps an explicit pool=false and the credentials as given', () => {
    const url = new URL(smtpTransportUrl('smtps://user:p%40ss@relay.example.org:465?pool=false'));
    expect([url.searchParams.get('pool'), url.username, url.password, url.host]).toEqual(['false', 'user', 'p%40ss', 'relay.example.org:465']);
  });
});
