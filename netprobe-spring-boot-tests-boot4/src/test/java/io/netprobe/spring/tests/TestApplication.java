package io.netprobe.spring.tests;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with no netprobe code: the starter and properties do everything. */
@SpringBootApplication
public class TestApplication {}
