"""A TCP forwarder run as its own process: ``python tcp_proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT``.

The fault tests put it between the site and PostgreSQL and kill it: to the site that is a database that went
away (connections reset, new ones refused), while the shared PostgreSQL server keeps running for everyone else.
"""

import contextlib
import socket
import sys
import threading


def pipe(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def main(listen_port: int, target_host: str, target_port: int) -> None:
    server = socket.create_server(("127.0.0.1", listen_port), reuse_port=False)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    print("ready", flush=True)
    while True:
        client, _address = server.accept()
        upstream = socket.create_connection((target_host, target_port))
        threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
