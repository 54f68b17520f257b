# A child process for the socket-table tests: opens listeners, forks (so each socket has two owners, like nginx
# master and worker), prints "ready <tcp-port> <device-port or 0> <udp-port> <child-pid>" and sleeps until stdin closes.
import os, socket, sys

def listen(address, device=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if device:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, device)
    s.bind((address, 0))
    s.listen(17)
    return s

tcp = listen('127.0.0.1')
try:
    bound = listen('0.0.0.0', b'lo')
    bound_port = bound.getsockname()[1]
except OSError:
    bound_port = 0
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(('127.0.0.1', 0))
child = os.fork()
if child == 0:
    sys.stdin.read()
    os._exit(0)
print('ready', tcp.getsockname()[1], bound_port, udp.getsockname()[1], child, flush=True)
sys.stdin.read()
os.kill(child, 9)
os.waitpid(child, 0)
