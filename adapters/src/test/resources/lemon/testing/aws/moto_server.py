# A local AWS for tests: moto's server on 127.0.0.1:<port> until stdin closes (the test JVM ends).
import sys

from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
server.start()
print("moto ready", flush=True)
sys.stdin.read()
server.stop()
