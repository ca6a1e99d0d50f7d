/** Host names the gateway answers to besides PUBLIC_URL's: this machine's own names. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The host names the gateway answers to: loopback names, PUBLIC_URL's, and the address it listens on. */
export function allowedHosts(listenHost: string, publicUrl: string | undefined): string[] {
  const hosts = [...LOOPBACK_HOSTS];
  if (publicUrl) hosts.push(new URL(publicUrl).hostname.toLowerCase());
  // Listening on one address of this machine: that address is a name it is reached by.
  if (listenHost !== '0.0.0.0' && listenHost !== '::') {
    hosts.push(listenHost.includes(':') ? `[${listenHost.toLowerCase()}]` : listenHost);
  }
  return hosts;
}
