#!/usr/bin/env python3
"""A fake router for the ICMP extension lab: it captures probes to 10.79.1.0/24 on IFACE (AF_PACKET: UDP, ICMP echo
requests, TCP) and answers each with a
crafted Time Exceeded from its own address, carrying an RFC 4884 extension structure with an RFC 4950 MPLS label
stack (16005, then 24001 bottom of stack) and an RFC 5837 incoming-interface object (ifIndex 7, 10.79.0.2,
"eth-lab", MTU 1500). UDP probes whose first payload byte pair is even, and ICMP/TCP probes whose sequence number is
even, get an RFC 4884 sender's reply (length field 32, quote padded to 128 octets); odd ones a legacy sender's
(length field 0, extension after 128 octets).

usage: extension-router.py IFACE   (prints "ready" once listening; runs until killed)
"""
import socket
import struct
import sys


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def extension():
    mpls = struct.pack("!II", 16005 << 12 | 0 << 9 | 0 << 8 | 1, 24001 << 12 | 0 << 9 | 1 << 8 | 1)
    mpls_obj = struct.pack("!HBB", 4 + len(mpls), 1, 1) + mpls
    name = b"eth-lab"
    name_len = (1 + len(name) + 3) // 4 * 4
    name_sub = bytes([name_len]) + name + b"\0" * (name_len - 1 - len(name))
    info = struct.pack("!I", 7) + struct.pack("!HH", 1, 0) + socket.inet_aton("10.79.0.2") + name_sub \
        + struct.pack("!I", 1500)
    info_obj = struct.pack("!HBB", 4 + len(info), 2, 0x0F) + info
    body = mpls_obj + info_obj
    head = struct.pack("!BBH", 0x20, 0, 0)
    c = checksum(head + body)
    return struct.pack("!BBH", 0x20, 0, c) + body


def main():
    iface = sys.argv[1]
    capture = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
    capture.bind((iface, 0x0800))
    out = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    ext = extension()
    print("ready", flush=True)
    while True:
        packet, _ = capture.recvfrom(65535)
        if len(packet) < 28 or packet[16:19] != bytes([10, 79, 1]):
            continue
        ihl = (packet[0] & 0x0F) * 4
        if packet[9] == socket.IPPROTO_UDP:
            payload = packet[ihl + 8:]
            legacy = len(payload) >= 2 and (payload[1] & 1) == 1
        elif packet[9] == socket.IPPROTO_ICMP and packet[ihl] == 8:
            legacy = (packet[ihl + 7] & 1) == 1
        elif packet[9] == socket.IPPROTO_TCP:
            legacy = (packet[ihl + 7] & 1) == 1
        else:
            continue
        quote = packet[:128].ljust(128, b"\0")
        length_words = 0 if legacy else 128 // 4
        icmp = struct.pack("!BBHBBH", 11, 0, 0, 0, length_words, 0) + quote + ext
        icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
        source = socket.inet_ntoa(packet[12:16])
        out.sendto(icmp, (source, 0))


if __name__ == "__main__":
    main()
